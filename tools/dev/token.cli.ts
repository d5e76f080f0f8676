// `npm run token -- --role <role> [--sub <id>] [--expires-in <seconds>] [--audience <aud>]`
// Prints a bearer token signed by the local issuer's key (.local/dev/auth/), valid
// for the system `npm start` runs. A negative --expires-in gives an expired token.
import { parseArgs } from 'node:util';
import { isRole, ROLES } from '@oms/auth';
import { DEV_PROFILE, ensureSigningKey, signingKeyFile, signToken } from '../infra';

function fail(message: string): never {
  process.stderr.write(`token: ${message}\nusage: npm run token -- --role <${ROLES.join('|')}> [--sub <id>] [--expires-in <seconds>] [--audience <aud>]\n`);
  process.exit(2);
}

function main(): void {
  const { values } = parseArgs({
    options: {
      role: { type: 'string' },
      sub: { type: 'string' },
      'expires-in': { type: 'string' },
      audience: { type: 'string' },
      'key-file': { type: 'string' },
    },
    strict: true,
  });
  const roles = (values.role ?? fail('--role is required')).split(',');
  const unknown = roles.filter((role) => !isRole(role));
  if (unknown.length > 0) fail(`unknown role ${unknown.join(', ')}`);
  const expiresIn = values['expires-in'] === undefined ? 3600 : Number(values['expires-in']);
  if (!Number.isInteger(expiresIn)) fail('--expires-in must be a whole number of seconds');
  if (values.sub !== undefined && values.sub.trim() === '') fail('--sub must not be blank');
  const key = ensureSigningKey(values['key-file'] ?? signingKeyFile(DEV_PROFILE.stateDir));
  const token = signToken(key, { role: roles.filter(isRole), sub: values.sub, expiresInSeconds: expiresIn, audience: values.audience });
  process.stdout.write(`${token}\n`);
}

try {
  main();
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}
