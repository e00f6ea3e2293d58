-- Neovim's own LSP client attaches `soclint lsp` to Tests/Fixtures/lsp-editor, waits for the
-- diagnostics, checks them (cross-file ones included, and columns after é, 中 and 😀), fixes
-- the owner in the buffer, checks the findings go away, asks for a hover, and exits non-zero on
-- any mismatch. Written for Neovim 0.7 (Debian's), whose API later versions keep.
local binary = os.getenv("SOCLINT_BIN")
local fixture = os.getenv("SOCLINT_FIXTURE")
local failures = 0

local function fail(message)
  io.stderr:write("test-neovim-lsp: " .. message .. "\n")
  failures = failures + 1
end

local function finish()
  if failures > 0 then
    vim.cmd("cquit 1")
  end
  io.stderr:write("test-neovim-lsp: all checks passed\n")
  vim.cmd("qall!")
end

local function describe(diagnostics)
  local out = {}
  for _, d in ipairs(diagnostics) do
    table.insert(out, string.format("%d:%d:%s:%d", d.lnum, d.col, d.code or "?", d.severity))
  end
  table.sort(out)
  return table.concat(out, " ")
end

local function expect_diagnostics(bufnr, expected, what)
  local ok = vim.wait(20000, function()
    return describe(vim.diagnostic.get(bufnr)) == expected
  end, 20)
  if not ok then
    fail(what .. ": expected [" .. expected .. "], got [" .. describe(vim.diagnostic.get(bufnr)) .. "]")
  end
end

local control = fixture .. "/Controls/AC-01.yaml"
local owners = fixture .. "/Controls/owners.yaml"
vim.cmd("edit " .. vim.fn.fnameescape(control))
local bufnr = vim.api.nvim_get_current_buf()
local client_id = vim.lsp.start_client({
  name = "soclint",
  cmd = { binary, "lsp" },
  root_dir = fixture,
})
if not client_id then
  fail("cannot start " .. binary .. " lsp")
  finish()
end
vim.lsp.buf_attach_client(bufnr, client_id)

local S = vim.diagnostic.severity
-- Neovim counts columns in bytes: the '#' after "title: Revue é中😀  " is at byte 24 (UTF-16 unit 19).
expect_diagnostics(bufnr, string.format("2:24:unused-suppression:%d 7:7:unknown-owner:%d", S.WARN, S.ERROR),
  "the opened control")
local owners_buffer = vim.uri_to_bufnr(vim.uri_from_fname(owners))
expect_diagnostics(owners_buffer, string.format("2:8:orphan-owner:%d", S.INFO), "the owners list (not open)")

local hover = vim.lsp.buf_request_sync(bufnr, "textDocument/hover", {
  textDocument = { uri = vim.uri_from_bufnr(bufnr) },
  position = { line = 10, character = 10 },
}, 10000)
local hover_text = ""
for _, response in pairs(hover or {}) do
  if response.result and response.result.contents then
    hover_text = response.result.contents.value
  end
end
if not hover_text:find("mapped by AC%-01") then
  fail("hover on CO-1: got '" .. hover_text .. "'")
end

-- Fix the owner in the buffer, unsaved: both files' findings change.
vim.api.nvim_buf_set_lines(bufnr, 7, 8, false, { "owner: alice" })
expect_diagnostics(bufnr, string.format("2:24:unused-suppression:%d", S.WARN), "the control after the fix")
expect_diagnostics(owners_buffer, "", "the owners list after the fix")

vim.lsp.stop_client(client_id)
vim.wait(5000, function()
  return vim.lsp.get_client_by_id(client_id) == nil
end, 20)
finish()
