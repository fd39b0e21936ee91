// Starts the server for the whole run, seeds it, and hands the tests its
// address and the seeded records (a JSON file named by NUSQA_WEB_STATE).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { seed } from './seed';
import { freshDataDir, startServer } from './server';

export default async function globalSetup(): Promise<() => Promise<void>> {
  const dataDir = freshDataDir('server');
  const server = await startServer(dataDir);
  if (!server.adminPassword) throw new Error(`no one-time admin password on the first start:\n${server.output()}`);
  try {
    const state = await seed(server.baseURL, dataDir, server.adminPassword);
    const file = join(dataDir, 'state.json');
    writeFileSync(file, JSON.stringify(state, null, 2));
    process.env.NUSQA_WEB_STATE = file;
  } catch (error) {
    await server.stop();
    throw error;
  }
  return async () => {
    await server.stop();
    writeFileSync(join(dataDir, 'server.log'), server.output());
  };
}
