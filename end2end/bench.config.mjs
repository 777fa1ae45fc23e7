// `make bench`: page-load measurements in Chromium against the release build, served as the
// browser tests serve it. Benchmarks print what they measure; they are not part of `make test`.
import base from './playwright.config.mjs';
import { defineConfig } from '@playwright/test';

export default defineConfig({ ...base, projects: [{ name: 'bench' }], testDir: './bench', fullyParallel: false, workers: 1 });
