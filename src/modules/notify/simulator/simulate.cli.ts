/**
 * `motcua notify simulate`: the simulated carriers as a standalone process — an SMS aggregator, Zalo ZNS and an SMTP
 * server on loopback — printing what they receive and the configuration to give a MotCua server so it sends there.
 */
import { randomBytes } from 'node:crypto';
import type { Config } from '../../../config';
import { CarrierSimulator, type SimMessage } from './carrier';

const flag = (args: string[], name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};

export async function runSimulateCommand(config: Config, args: string[], out: NodeJS.WritableStream = process.stdout): Promise<number> {
  const port = Number(flag(args, '--port') ?? 4025);
  const smtpPort = Number(flag(args, '--smtp-port') ?? 2525);
  const target = (flag(args, '--callbacks') ?? config.publicUrl).replace(/\/+$/, '');
  const secret = config.notify.callbackSecret ?? randomBytes(16).toString('hex');
  const keys = { sms: randomBytes(12).toString('hex'), zalo: randomBytes(12).toString('hex') };
  const sim = new CarrierSimulator({
    port,
    smsApiKey: keys.sms,
    zaloToken: keys.zalo,
    callbackSecret: secret,
    callbacks: { sms: `${target}/api/notify/callbacks/sms`, zalo: `${target}/api/notify/callbacks/zalo` },
    smtp: { port: smtpPort },
  });
  const a = await sim.start();
  out.write(`Nhà mạng mô phỏng / simulated carriers: ${a.httpUrl}/ (messages at ${a.httpUrl}/messages)\n`);
  out.write(`Start MotCua with:\n  SMTP_HOST=127.0.0.1 SMTP_PORT=${a.smtpPort} SMTP_TLS=none \\\n  SMS_API_URL=${a.smsUrl} SMS_API_KEY=${keys.sms} \\\n  ZALO_API_URL=${a.zaloUrl} ZALO_ACCESS_TOKEN=${keys.zalo} \\\n  NOTIFY_CALLBACK_SECRET=${secret} npm start\n`);
  out.write(`Delivery reports go to ${target}/api/notify/callbacks/{sms,zalo}. Ctrl+C to stop.\n\n`);
  let seen = 0;
  const show = (m: SimMessage) => {
    const what = m.channel === 'email' ? `${m.subject ?? ''}` : m.channel === 'sms' ? (m.text ?? '') : `ZNS ${m.templateId} ${JSON.stringify(m.data)}`;
    out.write(`${m.receivedAt.slice(11, 19)}  ${m.channel.padEnd(5)} → ${m.to}: ${what}\n`);
  };
  const timer = setInterval(() => {
    while (seen < sim.messages.length) show(sim.messages[seen++]);
  }, 200);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  clearInterval(timer);
  await sim.stop();
  return 0;
}
