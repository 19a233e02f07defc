-- Neovim: after :make with the claimlint compiler plugin
-- (docs/examples/vim/compiler/claimlint.vim), show the quickfix list as
-- vim.diagnostic too: signs, underlines and virtual text at the claim.
local ns = vim.api.nvim_create_namespace('claimlint')
vim.api.nvim_create_autocmd('QuickFixCmdPost', {
  pattern = 'make',
  callback = function()
    if vim.b.current_compiler ~= 'claimlint' then
      return
    end
    vim.diagnostic.reset(ns)
    local items = vim.fn.getqflist()
    for _, item in ipairs(items) do
      -- %t keeps the letter as written (e, w, n); vim.diagnostic.severity
      -- knows E, W, I and N (a note becomes a hint).
      item.type = item.type:upper()
    end
    local by_buffer = {}
    for _, d in ipairs(vim.diagnostic.fromqflist(items)) do
      by_buffer[d.bufnr] = by_buffer[d.bufnr] or {}
      table.insert(by_buffer[d.bufnr], d)
    end
    for bufnr, diagnostics in pairs(by_buffer) do
      vim.diagnostic.set(ns, bufnr, diagnostics)
    end
  end,
})
