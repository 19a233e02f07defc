" Vim compiler plugin for claimlint (docs/editors.md); works in Neovim too.
" Copy it to ~/.vim/compiler/claimlint.vim (Neovim: ~/.config/nvim/compiler/),
" then in a buffer:  :compiler claimlint  :make  :copen
if exists('current_compiler')
  finish
endif
let current_compiler = 'claimlint'
if exists(':CompilerSet') != 2
  command -nargs=* CompilerSet setlocal <args>
endif
let s:cpo_save = &cpo
set cpo&vim

" Byte columns: %c in 'errorformat' is a byte index into the line. Naming the
" unit here also overrides a column_unit set in a .claimlint.yaml.
CompilerSet makeprg=claimlint\ --column-unit=byte\ --color=never\ --excerpts=never\ %:S
" Findings (error, warning, note) and the note: lines under them, each its own
" entry of type e, w or n; a position without a column or a line also parses.
CompilerSet errorformat=%f:%l:%c:\ %t%*[a-z]:\ %m,%f:%l:\ %t%*[a-z]:\ %m,%f:\ %t%*[a-z]:\ %m

let &cpo = s:cpo_save
unlet s:cpo_save
