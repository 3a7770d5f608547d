// Minimal VS Code client for the selkeys language server (`selkeys lsp`, stdio).
// Settings under "selkeys.*" are sent as initializationOptions and answered through
// workspace/configuration (section "selkeys"); changing them notifies the server.
"use strict";

const vscode = require("vscode");
const { LanguageClient, TransportKind } = require("vscode-languageclient/node");

let client;

function serverSettings() {
  const config = vscode.workspace.getConfiguration("selkeys");
  const settings = {};
  for (const key of ["profile", "messageLang", "lang", "select", "ignore", "vocabulary", "deep", "languageIds"]) {
    const value = config.get(key);
    if (value !== undefined && value !== null) settings[key] = value;
  }
  return settings;
}

function createClient() {
  const config = vscode.workspace.getConfiguration("selkeys");
  const command = config.get("path") || "selkeys";
  const languages = config.get("documentSelector") || ["markdown", "plaintext", "html"];
  const serverOptions = { command, args: ["lsp"], transport: TransportKind.stdio };
  const clientOptions = {
    documentSelector: languages.flatMap((language) => [
      { scheme: "file", language },
      { scheme: "untitled", language },
    ]),
    initializationOptions: { selkeys: serverSettings() },
    synchronize: { configurationSection: "selkeys" },
  };
  return new LanguageClient("selkeys", "selkeys", serverOptions, clientOptions);
}

async function activate(context) {
  client = createClient();
  context.subscriptions.push(
    vscode.commands.registerCommand("selkeys.restartServer", async () => {
      if (client) await client.stop();
      client = createClient();
      await client.start();
    }),
  );
  await client.start();
}

async function deactivate() {
  if (client) await client.stop();
}

module.exports = { activate, deactivate };
