// Shard 1 of 2 of the malformed-request fuzz (run-fuzz.ts): two files so vitest runs them in parallel.
import { fuzzShard } from './run-fuzz';

fuzzShard(0, 2);
