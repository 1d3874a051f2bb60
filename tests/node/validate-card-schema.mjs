// Validates Adaptive Card JSON files against Microsoft's official schema for the version each card declares
// (adaptive-card-schemas/<version>.0/adaptive-card.json, JSON Schema draft-06, copied verbatim: see SOURCE.md).
// The schemas forbid unknown properties, so a property newer than the declared version is an error.
// Usage: node validate-card-schema.mjs <file-or-directory>...
// Exit codes: 0 all cards valid, 1 errors found, 2 bad usage / no cards.
import { createRequire } from "node:module";
import { readFileSync, readdirSync, statSync, existsSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const Ajv = require("ajv");
const schemaDir = join(dirname(fileURLToPath(import.meta.url)), "adaptive-card-schemas");

// strict: false because the schemas use draft-04 style "id" and vendor keywords; formats are not checked (no URLs
// in our cards) rather than silently treated as valid by a stub.
const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false, logger: false, verbose: true });
ajv.addMetaSchema(require("ajv/dist/refs/json-schema-draft-06.json"));

const validators = new Map();
function validatorFor(version) {
  if (!validators.has(version)) {
    const file = join(schemaDir, `${version}.0`, "adaptive-card.json");
    if (!existsSync(file)) return null;
    const schema = JSON.parse(readFileSync(file, "utf8"));
    // Every version's file has the same "id"; drop it so the versions can live in one Ajv instance.
    delete schema.id;
    delete schema.$id;
    validators.set(version, ajv.compile(schema));
  }
  return validators.get(version);
}

// Elements are an anyOf over every element type, so Ajv reports each branch that failed. Keep, per instance, the
// errors of the definition whose "type" enum names the instance's own type; show everything only when no such branch reported.
function explain(card, errors) {
  const at = (path) => path.split("/").slice(1).reduce((node, key) => node?.[key], card);
  const byPath = new Map();
  for (const e of errors) {
    if (!byPath.has(e.instancePath)) byPath.set(e.instancePath, []);
    byPath.get(e.instancePath).push(e);
  }
  const ownErrors = (path) => {
    const type = at(path)?.type;
    return typeof type === "string" ? byPath.get(path).filter((e) => e.parentSchema?.properties?.type?.enum?.includes(type)) : [];
  };
  // A property's complaints when its element already has errors of its own type come from the other branches.
  const underExplained = (path) => {
    for (let p = path.slice(0, path.lastIndexOf("/")); p.length > 0; p = p.slice(0, p.lastIndexOf("/")))
      if (byPath.has(p) && ownErrors(p).length > 0) return true;
    return false;
  };
  const lines = [];
  for (const [path, list] of byPath) {
    if (typeof at(path)?.type !== "string" && underExplained(path)) continue;
    const own = ownErrors(path);
    const shown = own.length > 0 ? own : list.filter((e) => e.keyword !== "anyOf");
    for (const e of shown) {
      const extra = e.params?.additionalProperty ? ` "${e.params.additionalProperty}"` : "";
      lines.push(`card${path}: ${e.message}${extra}`);
    }
  }
  return lines.length > 0 ? [...new Set(lines)] : ["does not match the schema"];
}

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

function validate(file) {
  let card;
  try {
    card = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    return [`not valid JSON: ${e.message}`];
  }
  const version = typeof card?.version === "string" ? card.version : undefined;
  const validator = version && /^1\.\d$/.test(version) ? validatorFor(version) : null;
  if (!validator) return [`no official schema here for version ${JSON.stringify(card?.version)}`];
  if (validator(card)) return [];
  return explain(card, validator.errors);
}

const args = process.argv.slice(2);
if (args.length === 0) {
  console.error("usage: node validate-card-schema.mjs <card.json | directory>...");
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
  for (const e of errors.slice(0, 40)) console.log(`  - ${e}`);
}
console.log(`${files.length - failed}/${files.length} cards match the official schema`);
process.exit(failed === 0 ? 0 : 1);
