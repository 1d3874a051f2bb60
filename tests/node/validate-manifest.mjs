#!/usr/bin/env node
// Validates a Teams app manifest and its localization files offline, against the schemas bundled in
// @microsoft/app-manifest, and checks that every file the manifest names is beside it.
//   node tests/node/validate-manifest.mjs <path/to/manifest.json>
// Prints one line per error and exits 1 when there is any; exit 2 means it could not run.
import { createRequire } from "node:module";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

const require = createRequire(import.meta.url);

function die(message) {
  console.error(`validate-manifest: ${message}`);
  process.exit(2);
}

const manifestPath = process.argv[2];
if (!manifestPath) die("usage: node tests/node/validate-manifest.mjs <manifest.json>");

let AppManifestUtils, packageDir;
try {
  require.resolve("fs-extra");
  packageDir = dirname(require.resolve("@microsoft/app-manifest/package.json"));
  ({ AppManifestUtils } = require("@microsoft/app-manifest"));
} catch (error) {
  die(`cannot load @microsoft/app-manifest with fs-extra (${error.message}); run 'npm ci' in tests/node`);
}

// The library fetches a schema it does not bundle; this check keeps the validation offline.
async function bundledSchema(url) {
  const match = /^https:\/\/developer\.microsoft\.com\/(?:[a-z]{2}-[a-z]{2}\/)?(json-schemas\/teams\/.+)$/i.exec(url ?? "");
  if (!match || !existsSync(join(packageDir, "build", match[1]))) {
    die(`$schema '${url}' is not bundled with @microsoft/app-manifest; use a published Teams schema URL`);
  }
  return repairPatterns(await AppManifestUtils.fetchSchema(url));
}

// The v1.30 localization schema has keys like `activityTypes\[\b(...)\b]`: a lone ']' that ajv's
// unicode regular expressions reject, so the library cannot compile it as shipped. Escaping that bracket
// keeps the pattern's meaning.
function repairPatterns(schema) {
  const patterns = schema.patternProperties;
  if (!patterns) return schema;
  const repaired = {};
  for (const [pattern, rule] of Object.entries(patterns)) {
    const fixed = pattern.replaceAll("\\b]", "\\b\\]");
    try {
      new RegExp(fixed, "u");
    } catch (error) {
      die(`schema pattern ${pattern} does not compile: ${error.message}`);
    }
    repaired[fixed] = rule;
  }
  return { ...schema, patternProperties: repaired };
}

function readJson(path) {
  if (!existsSync(path)) return [null, `${path}: file not found`];
  try {
    return [JSON.parse(readFileSync(path, "utf8").replace(/^\uFEFF/, "")), null];
  } catch (error) {
    return [null, `${path}: not valid JSON (${error.message})`];
  }
}

async function main() {
  const errors = [];
  const [manifest, manifestError] = readJson(resolve(manifestPath));
  if (manifestError) die(manifestError);
  const folder = dirname(resolve(manifestPath));

  for (const message of await AppManifestUtils.validateAgainstSchema(manifest, await bundledSchema(manifest.$schema))) {
    errors.push(`manifest.json: ${message}`);
  }

  for (const [key, file] of Object.entries(manifest.icons ?? {})) {
    if (!existsSync(join(folder, file))) errors.push(`manifest.json: icons.${key} names '${file}', which is not beside the manifest`);
  }

  const localization = manifest.localizationInfo ?? {};
  // One file may serve several languages (zh-tw.json for zh-tw and zh-hk): validate each file once.
  const languageFiles = [...new Set([
    ...(localization.defaultLanguageFile ? [localization.defaultLanguageFile] : []),
    ...(localization.additionalLanguages ?? []).map((language) => language.file),
  ])];
  const commandCounts = (manifest.bots ?? []).map((bot) => (bot.commandLists ?? []).map((list) => list.commands.length));

  for (const file of languageFiles) {
    const [strings, error] = readJson(join(folder, file));
    if (error) {
      errors.push(error);
      continue;
    }
    if (!strings.$schema?.includes(`/v${manifest.manifestVersion}/`)) {
      errors.push(`${file}: $schema must be the v${manifest.manifestVersion} localization schema, like the manifest's`);
    }
    for (const message of await AppManifestUtils.validateAgainstSchema(strings, await bundledSchema(strings.$schema))) {
      errors.push(`${file}: ${message}`);
    }
    // The schema accepts any index; Teams would ignore a key that names a command the manifest lacks.
    for (const key of Object.keys(strings)) {
      const command = /^bots\[(\d+)\]\.commandLists\[(\d+)\]\.commands\[(\d+)\]\./.exec(key);
      if (command && !(Number(command[3]) < (commandCounts[command[1]]?.[command[2]] ?? 0))) {
        errors.push(`${file}: '${key}' names a command that manifest.json does not have`);
      }
    }
  }

  for (const error of errors) console.log(error);
  if (errors.length > 0) {
    console.log(`${errors.length} error(s)`);
    process.exit(1);
  }
  console.log(`valid: manifest.json${languageFiles.map((file) => `, ${file}`).join("")}`);
}

main().catch((error) => die(error.stack ?? String(error)));
