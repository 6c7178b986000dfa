import { openStore } from '../../src/storage/sqlite/sqlite-store.js';
import { storeContract } from './contract.js';

storeContract('SQLite :memory:', () => ({ store: openStore(':memory:'), cleanup: () => {} }));
