"""Inline feedback: comments anchored to passages of an article, kept attached through edits.

How readers use it (static/inline/inline.js; without JavaScript the "Inline Feedbacks" list
still shows every quote, linking to the passage with a text fragment):
- Mouse or touch: select words in the article body; a "Comment on this passage" button appears
  beside the selection and opens the comment form with the quote.
- Keyboard only: "Comment on a passage" (a toggle button just before the body) puts a "Comment on
  this paragraph" button after every paragraph; pressing one opens the form with the paragraph
  quoted, and the "Quoted passage" field can be shortened to the exact words (it must stay a part
  of that paragraph). Readers who use caret browsing can also select with Shift+arrows.
- Highlighted passages end with a button named "N comments on this passage" that shows those
  comments below the paragraph; an editor's prompt has an "Answer: <question>" button.
"""
