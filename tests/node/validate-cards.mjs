// Parses Adaptive Card JSON files with Microsoft's renderer library (npm `adaptivecards`) and fails on any
// parse or validation event, any property the library does not know for the card's declared version, and any
// version Teams does not render. Usage: node validate-cards.mjs <file-or-directory>...
// Exit codes: 0 all cards valid, 1 errors found, 2 bad usage / no cards.
import { createRequire } from "node:module";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const require = createRequire(import.meta.url);
// The package's `main` is ES modules with extensionless imports that Node cannot load; the UMD bundle needs no
// DOM for parsing.
const AC = require("adaptivecards/dist/adaptivecards.js");

const TEAMS_MAX_VERSION = "1.5";
// toJSON() leaves out values equal to the library's defaults; dropping those is not a loss.
const DEFAULTISH = new Set(["default", "Default", false, null, "auto"]);
const DEFAULT_BY_KEY = { valueOn: ["true"], valueOff: ["false"], style: ["compact"] };
// Properties the library handles itself without echoing them back, known to be valid in the schema.
const ALWAYS_ALLOWED = new Set(["$schema"]);

function collectFiles(args) {
  const files = [];
  for (const arg of args) {
    let st;
    try {
      st = statSync(arg);
    } catch {
      console.error(`not found: ${arg}`);
      process.exit(2);
    }
    if (st.isDirectory()) {
      for (const name of readdirSync(arg).sort()) if (name.endsWith(".json")) files.push(join(arg, name));
    } else files.push(arg);
  }
  return files;
}

function compareVersions(a, b) {
  const [am, an] = a.split(".").map(Number);
  const [bm, bn] = b.split(".").map(Number);
  return am !== bm ? am - bm : an - bn;
}

// Every key of `input` that the library did not carry over into `output`: unknown to it at this version.
function droppedProperties(input, output, path, out) {
  if (Array.isArray(input)) {
    if (!Array.isArray(output)) { out.push(`${path}: array not understood`); return; }
    if (output.length !== input.length) out.push(`${path}: ${input.length} items in, ${output.length} understood`);
    input.forEach((item, i) => droppedProperties(item, output[i], `${path}[${i}]`, out));
    return;
  }
  if (input === null || typeof input !== "object") return;
  if (output === null || typeof output !== "object") { out.push(`${path}: object not understood`); return; }
  for (const [key, value] of Object.entries(input)) {
    if (ALWAYS_ALLOWED.has(key)) continue;
    if (!(key in output)) {
      if (key === "fallback" && value !== null && typeof value === "object") {
        // The library keeps an action's fallback internally without echoing it: check it as an action on its own.
        const nested = validateCard({ type: "AdaptiveCard", version: declaredVersion, actions: [value] });
        out.push(...nested.map((e) => `${path}.fallback: ${e}`));
        continue;
      }
      const empty = Array.isArray(value) && value.length === 0;
      if (!empty && !DEFAULTISH.has(value) && !DEFAULT_BY_KEY[key]?.includes(value)) out.push(`${path}.${key}: not a property the renderer knows at this version`);
      continue;
    }
    // Submit data is free-form: the library keeps it as is.
    if (key === "data") continue;
    droppedProperties(value, output[key], `${path}.${key}`, out);
  }
}

let declaredVersion;

function validate(file) {
  let json;
  try {
    json = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    return [`not valid JSON: ${e.message}`];
  }
  return validateCard(json);
}

function validateCard(json) {
  const errors = [];
  if (json?.type !== "AdaptiveCard") errors.push(`type is ${JSON.stringify(json?.type)}, expected "AdaptiveCard"`);
  const declared = typeof json?.version === "string" ? json.version : undefined;
  if (!declared || !/^1\.\d$/.test(declared)) {
    errors.push(`version ${JSON.stringify(json?.version)} is not a 1.x version`);
    return errors;
  }
  declaredVersion = declared;
  if (compareVersions(declared, TEAMS_MAX_VERSION) > 0) errors.push(`version ${declared} is above what Teams renders (${TEAMS_MAX_VERSION})`);

  const context = new AC.SerializationContext();
  context.targetVersion = AC.Version.parse(declared, context);
  const card = new AC.AdaptiveCard();
  card.parse(json, context);
  for (let i = 0; i < context.eventCount; i++) {
    const e = context.getEventAt(i);
    errors.push(`parse: ${e.message} (${AC.ValidationEvent[e.event] ?? e.event})`);
  }

  const results = card.validateProperties();
  for (const e of results.validationEvents) {
    errors.push(`validate: ${e.message} (${AC.ValidationEvent[e.event] ?? e.event})`);
  }

  const echoContext = new AC.SerializationContext();
  echoContext.targetVersion = context.targetVersion;
  const echoed = card.toJSON(echoContext);
  const dropped = [];
  droppedProperties(json, echoed, "card", dropped);
  errors.push(...dropped);
  return errors;
}

const args = process.argv.slice(2);
if (args.length === 0) {
  console.error("usage: node validate-cards.mjs <card.json | directory>...");
  process.exit(2);
}
const files = collectFiles(args);
if (files.length === 0) {
  console.error(`no .json cards found in ${args.join(", ")}`);
  process.exit(2);
}
let failed = 0;
for (const file of files) {
  const errors = validate(file);
  if (errors.length === 0) continue;
  failed++;
  console.log(`${file}:`);
  for (const e of errors) console.log(`  - ${e}`);
}
console.log(`${files.length - failed}/${files.length} cards valid`);
process.exit(failed === 0 ? 0 : 1);
