export { useExports } from './route.js';
export { EXPORT_PAGE_SIZE } from './rows.js';
