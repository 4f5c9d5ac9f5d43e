export { ClientSlots, EXPORTS_PER_CLIENT } from './admission.js';
export { useExports } from './route.js';
export { EXPORT_PAGE_SIZE } from './rows.js';
