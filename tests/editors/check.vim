" Run by tests/editors/vim.sh in Vim and, when installed, Neovim: the compiler
" plugin of docs/examples/vim runs :make on article.txt, and every jump through
" the quickfix list must land on the first character of the claim.
set nomore
let s:log = []
let s:fails = 0
function! s:Check(what, got, want) abort
  if a:got ==# a:want
    call add(s:log, 'ok   ' . a:what . ': ' . string(a:got))
  else
    call add(s:log, 'FAIL ' . a:what . ': got ' . string(a:got) . ', expected ' . string(a:want))
    let s:fails += 1
  endif
endfunction

try
  edit article.txt
  compiler claimlint
  call s:Check('makeprg', &l:makeprg, 'claimlint --column-unit=byte --color=never --excerpts=never %:S')
  silent make!
  let s:qf = getqflist()
  call s:Check('entries (6 findings and notes, and the summary line)', len(s:qf), 7)
  call s:Check('entry types', join(map(filter(copy(s:qf), 'v:val.valid'), 'v:val.type'), ''), 'wnwnen')
  call s:Check('the summary is kept as text', s:qf[-1].valid . ' ' . s:qf[-1].text, '0 1 error, 2 warnings in 1 of 1 file')

  " [entry, file, line, byte column, the text that must start at the cursor]
  for [s:n, s:file, s:lnum, s:col, s:text] in [
        \ [1, 'article.txt', 2, 28, '160项干细胞'],
        \ [3, 'article.txt', 3, 41, '160项干细胞'],
        \ [5, 'article.txt', 4, 12, '山中仲弥'],
        \ [2, 'reference.yaml', 23, 16, '106'],
        \ [6, 'reference.yaml', 45, 10, 't.person']]
    execute 'silent cc ' . s:n
    let s:at = 'cc ' . s:n
    call s:Check(s:at . ' file', expand('%:t'), s:file)
    call s:Check(s:at . ' line', line('.'), s:lnum)
    call s:Check(s:at . ' col', col('.'), s:col)
    call s:Check(s:at . ' text at the cursor', strpart(getline('.'), col('.') - 1, strlen(s:text)), s:text)
  endfor

  " :cnext from the first entry goes to the note (notes are entries too).
  silent cfirst
  silent cnext
  call s:Check('cnext after the first finding', expand('%:t') . ':' . line('.'), 'reference.yaml:23')

  copen
  call s:Check(':copen opens the quickfix window', &buftype, 'quickfix')
  call s:Check('quickfix window lines', line('$'), 7)
  call s:Check('quickfix line 1', getline(1), 'article.txt|2 col 28 warning| 160项 stem-cell INDs cleared as of 2024-10; the reference says 106 as of 2024-10 [t-cleared]')
  cclose

  if has('nvim')
    " docs/examples/nvim/claimlint-diagnostics.lua: the quickfix list as vim.diagnostic.
    execute 'luafile ' . fnameescape(g:claimlint_root . '/docs/examples/nvim/claimlint-diagnostics.lua')
    edit article.txt
    silent make!
    let s:diags = luaeval('vim.diagnostic.get(vim.fn.bufnr("article.txt"))')
    call s:Check('diagnostics on article.txt', len(s:diags), 3)
    " [line, col (0-based bytes), severity (1 error, 2 warning), text at col]
    for [s:i, s:lnum, s:col, s:sev, s:text] in [[0, 1, 27, 2, '160项'], [1, 2, 40, 2, '160项'], [2, 3, 11, 1, '山中仲弥']]
      let s:d = get(s:diags, s:i, {'lnum': -1, 'col': -1, 'severity': -1})
      let s:at = 'diagnostic ' . s:i
      call s:Check(s:at . ' lnum', s:d.lnum, s:lnum)
      call s:Check(s:at . ' col', s:d.col, s:col)
      call s:Check(s:at . ' severity', s:d.severity, s:sev)
      call s:Check(s:at . ' text at col', strpart(getline(s:lnum + 1), s:col, strlen(s:text)), s:text)
    endfor
    let s:notes = luaeval('vim.diagnostic.get(vim.fn.bufnr("reference.yaml"))')
    call s:Check('note diagnostics on reference.yaml (severity hint)', map(copy(s:notes), 'v:val.severity'), [4, 4, 4])
  endif
catch
  call add(s:log, 'FAIL exception: ' . v:exception . ' at ' . v:throwpoint)
  let s:fails += 1
endtry

call writefile(s:log, 'check.log')
if s:fails
  cquit
endif
qall!
