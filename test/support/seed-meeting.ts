// Seeds a data folder for the meeting's end-to-end test: `node --import tsx test/support/seed-meeting.ts DIR` prints
// { campaignId }. Run before `paneldesk serve` takes the folder.
import { openApp } from '../../main/app.ts';
import { seedMeeting } from './meeting-seed.ts';

const dir = process.argv[2];
if (!dir) throw new Error('usage: seed-meeting.ts DATA_DIR');
const app = await openApp({ dataDir: dir, identityName: '北京市科协秘书处' });
try {
  const { campaignId } = await seedMeeting(app);
  process.stdout.write(JSON.stringify({ campaignId }) + '\n');
} finally {
  await app.close();
}
