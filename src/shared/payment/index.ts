/** Pure payment domain logic (thanh toán), shared by the server and the web app. */
export * from './vietqr';
export * from './statement';
export * from './code';
export * from './states';
export * from './reconcile';
