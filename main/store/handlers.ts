import { AppError } from '../../shared/contract/index.ts';
import type { Handlers } from '../dispatcher.ts';
import type { Store } from '../store/types.ts';

type StoreHandlers = Pick<Handlers, 'store.status' | 'store.restoreBackup' | 'store.dismissRecovery'>;

export function storeHandlers(store: Store): StoreHandlers {
  const status = () => ({ dataDir: store.dataDir, recoveries: [...store.recoveries()] });
  return {
    'store.status': status,
    'store.restoreBackup': async ({ campaignId }) => {
      if (!store.get(campaignId) && !store.recoveries().some((r) => r.campaignId === campaignId)) {
        throw new AppError('NOT_FOUND', `no campaign with id "${campaignId}"`, { values: { id: campaignId } });
      }
      const { restoredSeq } = await store.restoreBackup(campaignId);
      return { campaignId, restoredSeq };
    },
    'store.dismissRecovery': ({ campaignId }) => {
      store.dismissRecovery(campaignId);
      return status();
    },
  };
}
