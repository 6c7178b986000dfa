import { openStore } from '../../src/store/sqlite-store.js';
import { storeContract } from './contract.js';

storeContract('SQLite :memory:', () => ({ store: openStore(':memory:'), cleanup: () => {} }));
