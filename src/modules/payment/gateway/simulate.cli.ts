/**
 * `motcua payment gateway-simulate`: the simulated payment gateway as a standalone process on loopback, printing its
 * URL, the environment to give a MotCua server so it pays there, and each notification it sends.
 *
 *   --port <n>             default 4030 (0: any free port)
 *   --key <secret>         the merchant key (default: random, printed)
 *   --notify-delay <ms>    before the first notification of an event (default 500)
 *   --duplicates <n>       send each notification n times
 *   --out-of-order         also send a stale earlier event after the final one
 *   --fail-first <n>       count the first n delivery attempts as failed whatever the answer
 */
import { randomBytes } from 'node:crypto';
import { GatewaySimulator, type SimDelivery } from './simulator';

const flag = (args: string[], name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};

const USAGE = 'Usage: motcua payment gateway-simulate [--port 4030] [--key <secret>] [--notify-delay <ms>] [--duplicates <n>] [--out-of-order] [--fail-first <n>]\n';

export async function runGatewaySimulateCommand(args: string[], out: NodeJS.WritableStream = process.stdout): Promise<number> {
  const int = (name: string, def: number, min: number) => {
    const v = flag(args, name);
    if (v === undefined) return def;
    const n = /^\d+$/.test(v) ? Number(v) : NaN;
    return Number.isSafeInteger(n) && n >= min ? n : null;
  };
  const port = int('--port', 4030, 0);
  const notifyDelayMs = int('--notify-delay', 500, 0);
  const duplicates = int('--duplicates', 1, 1);
  const failFirstNotifications = int('--fail-first', 0, 0);
  if (port === null || port > 65535 || notifyDelayMs === null || duplicates === null || failFirstNotifications === null) {
    out.write(USAGE);
    return 2;
  }
  const key = flag(args, '--key') ?? randomBytes(24).toString('hex');
  const sim = new GatewaySimulator({ port, merchantKey: key, notifyDelayMs, duplicates, outOfOrder: args.includes('--out-of-order'), failFirstNotifications });
  const { url } = await sim.start();
  out.write(`Cổng thanh toán mô phỏng / simulated payment gateway: ${url}/\n`);
  out.write(`Start MotCua with:\n  PAYMENT_GATEWAY_URL=${url}\n  PAYMENT_GATEWAY_KEY=${key}\n`);
  out.write('Notifications go to the notify_url of each order. Ctrl+C to stop.\n\n');
  let seen = 0;
  const show = (d: SimDelivery) =>
    out.write(`${d.at.slice(11, 19)}  ${d.orderId} ${d.status.padEnd(9)} copy ${d.copy} attempt ${d.attempt} → ${d.statusCode ?? d.error ?? 'no answer'}${d.forcedFailure ? ' (counted as failed)' : ''}\n`);
  const timer = setInterval(() => {
    const all = sim.deliveries();
    while (seen < all.length) show(all[seen++]);
  }, 200);
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  clearInterval(timer);
  await sim.stop();
  return 0;
}
