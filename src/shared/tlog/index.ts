// Transparency log (nhật ký minh bạch): RFC 6962/9162 Merkle tree, C2SP checkpoints, tiles, cosignatures and proof
// bundles. Pure: runs in Node and in the browser.
export * from './bytes';
export * from './hash';
export * from './merkle';
export * from './tiles';
export * from './canonical';
export * from './note';
export * from './checkpoint';
export * from './leaves';
export * from './bundle';
