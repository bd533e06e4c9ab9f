/** Fixed reference lists shared by the server and the web (no I/O). */
export { ETHNIC_GROUPS, type EthnicGroup } from './ethnic-groups';
export { COUNTRIES, type Country } from './countries';
