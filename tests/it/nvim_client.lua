-- A real editor as the language server's client: Neovim (0.7 and later),
-- headless. Opens a chapter, starts `mdbook-okr lsp` on it, waits for
-- diagnostics and writes them to a file, one per line:
-- line:col:end_line:end_col:code:first line of the message
-- (0-based; columns in bytes, as Neovim converts LSP's UTF-16 columns).
local chapter = os.getenv("OKR_CHAPTER")
local out = os.getenv("OKR_OUT")
vim.cmd("edit " .. vim.fn.fnameescape(chapter))
local buf = vim.api.nvim_get_current_buf()
-- `vim.lsp.start` is Neovim 0.8; `start_client` works in 0.7 too.
local client = vim.lsp.start_client({
  name = "mdbook-okr",
  cmd = { os.getenv("OKR_BIN"), "lsp" },
  root_dir = os.getenv("OKR_ROOT"),
})
vim.lsp.buf_attach_client(buf, client)
vim.wait(30000, function() return #vim.diagnostic.get(buf) >= 2 end, 50)
local lines = {}
for _, d in ipairs(vim.diagnostic.get(buf)) do
  local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code) or ""
  table.insert(lines, string.format("%d:%d:%d:%d:%s:%s", d.lnum, d.col, d.end_lnum, d.end_col,
    code, d.message:match("[^\n]*")))
end
table.sort(lines)
vim.fn.writefile(lines, out)
vim.cmd("qall!")
