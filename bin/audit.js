#!/usr/bin/env node
// Thin launcher: all behaviour lives in the compiled CLI (npm run build).
import '../dist/cli.js';
