// claimdiff worksheet: choose an answer, then reveal the key, question by question. The
// worksheet reads and prints fully without this script; it reads no article text, only
// the data-* attributes the renderer wrote.
(function () {
  'use strict';
  var root = document.documentElement;

  function reveal(question, show) {
    var answer = question.querySelector('.answer');
    var button = question.querySelector('.reveal');
    if (!answer) { return; }
    answer.hidden = !show;
    if (button) {
      button.textContent = show ? 'Hide the answer' : 'Show the answer';
      button.setAttribute('aria-expanded', show ? 'true' : 'false');
    }
    var right = question.getAttribute('data-answer');
    question.querySelectorAll('.choices label').forEach(function (label) {
      var box = label.querySelector('input');
      label.classList.remove('right', 'wrong');
      if (!show || !box) { return; }
      if (box.value === right) {
        label.classList.add('right');
      } else if (box.checked) {
        label.classList.add('wrong');
      }
    });
  }

  var questions = document.querySelectorAll('.question');
  questions.forEach(function (question) {
    var button = question.querySelector('.reveal');
    if (!button) { return; }
    button.addEventListener('click', function () {
      var answer = question.querySelector('.answer');
      reveal(question, answer.hidden);
    });
  });

  document.querySelectorAll('button[data-all]').forEach(function (button) {
    button.addEventListener('click', function () {
      var show = button.getAttribute('data-all') === 'show';
      questions.forEach(function (q) { reveal(q, show); });
    });
  });

  // Printing never shows the key: the style hides it, and revealed answers close too.
  window.addEventListener('beforeprint', function () {
    questions.forEach(function (q) { reveal(q, false); });
  });

  root.classList.add('js');
  document.body.setAttribute('data-ready', '1');
})();
