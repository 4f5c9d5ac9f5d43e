import { apiError } from '../errors.js';

/**
 * The one check of a whole-number argument: `value` if it is an integer from `min` to `max`, else
 * BAD_USER_INPUT naming the argument, its bounds and what was given (plus `hint`, what to do instead).
 */
export function intInRange(name: string, value: number, min: number, max: number, hint = ''): number {
  if (!Number.isInteger(value) || value < min || value > max)
    throw apiError(`\`${name}\` must be between ${min} and ${max}; got ${value}.${hint ? ` ${hint}` : ''}`, 'BAD_USER_INPUT', {
      argument: name,
    });
  return value;
}
