import { MemoryStore } from '../../src/store/memory-store.js';
import { storeContract } from './contract.js';

storeContract('in-memory fake', () => ({ store: new MemoryStore(), cleanup: () => {} }));
