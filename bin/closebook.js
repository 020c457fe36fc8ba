#!/usr/bin/env node
// The closebook command: runs the bundled CLI (built by `npm run build:cli`, which `npm ci` runs via "prepare").
require("../dist-cli/closebook.js");
