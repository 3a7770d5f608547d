-- Headless Neovim client for tests/test_neovim.py.
--
-- Run as:  nvim --headless --clean -u tests/nvim/selkeys_lsp.lua FILE
-- Environment:
--   SELKEYS_CMD   the selkeys executable (the server is started as "SELKEYS_CMD lsp")
--   SELKEYS_ROOT  the workspace root directory
--   SELKEYS_OUT   where to write the JSON result
-- Works with Neovim 0.7 (Debian 12) and later: it only uses vim.lsp.start_client,
-- vim.lsp.buf_attach_client, client.request_sync and vim.lsp.util.apply_workspace_edit.

local out_path = assert(os.getenv("SELKEYS_OUT"), "SELKEYS_OUT not set")
local result = { ok = false, steps = {} }

local function write_result()
  local f = assert(io.open(out_path, "w"))
  f:write(vim.fn.json_encode(result))
  f:close()
end

local function step(name)
  table.insert(result.steps, name)
end

local function fail(message)
  result.error = message
  write_result()
  io.stderr:write("selkeys_lsp.lua: " .. message .. "\n")
  vim.cmd("cquit! 3")
end

local function main()
  local cmd = assert(os.getenv("SELKEYS_CMD"), "SELKEYS_CMD not set")
  local root = assert(os.getenv("SELKEYS_ROOT"), "SELKEYS_ROOT not set")
  local bufnr = vim.api.nvim_get_current_buf()
  result.filetype = vim.bo[bufnr].filetype

  -- Keep the raw LSP diagnostics too: code actions need them (with UTF-16 ranges) in
  -- their context, and vim.diagnostic only keeps byte columns.
  local raw = {}
  local exited
  local default_handler = vim.lsp.handlers["textDocument/publishDiagnostics"]
  local client_id = vim.lsp.start_client({
    name = "selkeys",
    cmd = { cmd, "lsp" },
    root_dir = root,
    on_exit = function(code, signal)
      exited = string.format("server exited early (code %s, signal %s)", code, signal)
    end,
    handlers = {
      ["textDocument/publishDiagnostics"] = function(err, params, ctx, config)
        if params and params.uri == vim.uri_from_bufnr(bufnr) then
          raw = params.diagnostics
        end
        return default_handler(err, params, ctx, config)
      end,
    },
  })
  if not client_id then
    return fail("vim.lsp.start_client failed")
  end
  step("started")
  if not vim.lsp.buf_attach_client(bufnr, client_id) then
    return fail("vim.lsp.buf_attach_client failed")
  end
  step("attached")

  local function has_noun()
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      if d.code == "FI-NOUN-001" and d.source == "selkeys" then
        return true
      end
    end
    return false
  end
  vim.wait(20000, function() return has_noun() or exited ~= nil end, 50)
  if exited and not has_noun() then
    return fail(exited)
  end
  if not has_noun() then
    return fail("timeout: no FI-NOUN-001 diagnostic within 20 s (got "
      .. #vim.diagnostic.get(bufnr) .. " diagnostics)")
  end
  step("diagnostics")
  result.diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(result.diagnostics, { code = d.code, lnum = d.lnum, col = d.col, source = d.source })
  end

  local client = vim.lsp.get_client_by_id(client_id)
  local abbr
  for _, d in ipairs(raw) do
    if d.code == "FI-ABBR-001" then
      abbr = d
    end
  end
  if not abbr then
    return fail("no FI-ABBR-001 diagnostic in the published diagnostics")
  end
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    range = abbr.range,
    context = { diagnostics = { abbr }, only = { "quickfix" } },
  }
  local response, err = client.request_sync("textDocument/codeAction", params, 10000, bufnr)
  if not response then
    return fail("codeAction request failed: " .. tostring(err))
  end
  if response.err then
    return fail("codeAction error: " .. vim.inspect(response.err))
  end
  local actions = response.result or {}
  result.actions = {}
  local chosen
  for _, action in ipairs(actions) do
    table.insert(result.actions, action.title)
    if action.edit and action.isPreferred and not chosen then
      local text = vim.inspect(action.edit)
      if text:find("esimerkiksi", 1, true) then
        chosen = action
      end
    end
  end
  if not chosen then
    return fail("no preferred code action replacing with 'esimerkiksi': " .. vim.inspect(result.actions))
  end
  result.applied = chosen.title
  vim.lsp.util.apply_workspace_edit(chosen.edit, client.offset_encoding or "utf-16")
  step("applied")
  result.lines = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
  result.ok = true
  write_result()
  vim.lsp.stop_client(client_id)
  vim.wait(2000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 50)
  vim.cmd("qa!")
end

-- Run once the file given on the command line has been read (and its filetype set).
vim.api.nvim_create_autocmd("VimEnter", {
  once = true,
  callback = function()
    local ok, err = pcall(main)
    if not ok then
      fail("Lua error: " .. tostring(err))
    end
  end,
})
