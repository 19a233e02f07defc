;;; claimlint.el --- check the current file with claimlint  -*- lexical-binding: t -*-
;; docs/editors.md. Load it from your init file, then M-x claimlint in an
;; article: the findings open in a compilation buffer, and M-g n / M-g p
;; (next-error, previous-error) jump to each claim. Emacs' own `gnu' regexp
;; reads claimlint's output; only the column unit needs setting.

(require 'compile)

(define-compilation-mode claimlint-mode "claimlint"
  "Compilation mode for claimlint's output, whose columns are characters."
  ;; Characters, not screen columns: exact whatever the tabs, the fonts and
  ;; the width of ambiguous punctuation in a CJK language environment.
  (setq-local compilation-error-screen-columns nil))

(defun claimlint-command (file)
  "The claimlint command line that checks FILE."
  (concat "claimlint --column-unit=char --color=never --excerpts=never "
          (shell-quote-argument file)))

(defun claimlint (command)
  "Run COMMAND (claimlint on the current file) in a `claimlint-mode' buffer."
  (interactive
   (list (read-shell-command
          "Run claimlint: "
          (claimlint-command (file-name-nondirectory (or buffer-file-name ""))))))
  (compilation-start command #'claimlint-mode))

(provide 'claimlint)
;;; claimlint.el ends here
