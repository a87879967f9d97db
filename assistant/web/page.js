// The public page's behaviour, by event delegation on the document (Gradio re-renders the
// conversation as a whole): a citation opens its source and shows the quoted passage; opening
// the whole document scrolls its box to the passage; each new answer is brought into view;
// copy an answer with its sources; send feedback on an answer.
(function () {
  function reveal(element) {
    element.scrollIntoView({ block: "start", behavior: "auto" });
  }

  function showPassage(card) {
    const box = card.querySelector(".document-text");
    const mark = box && box.querySelector("mark");
    if (mark) box.scrollTop = mark.offsetTop - box.offsetTop - 24;
  }

  document.addEventListener("click", function (event) {
    const cite = event.target.closest("a.cite");
    if (cite) {
      const card = document.getElementById(cite.getAttribute("href").slice(1));
      if (card) {
        event.preventDefault();
        card.open = true;
        reveal(card);
        card.querySelector("summary").focus({ preventScroll: true });
      }
      return;
    }
    const copy = event.target.closest("button.copy-answer");
    if (copy) {
      const text = copy.getAttribute("data-copy");
      const status = copy.parentElement.querySelector(".copy-status");
      const done = function () { status.textContent = "Copied."; };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(done, function () { status.textContent = "Could not copy: select the text instead."; });
      } else {
        const area = document.createElement("textarea");
        area.value = text;
        document.body.appendChild(area);
        area.select();
        document.execCommand("copy");
        area.remove();
        done();
      }
    }
  });

  document.addEventListener("toggle", function (event) {
    const details = event.target;
    if (details.matches && details.matches("details.document") && details.open) showPassage(details);
  }, true);

  document.addEventListener("submit", function (event) {
    const form = event.target.closest("form.feedback");
    if (!form) return;
    event.preventDefault();
    const status = form.querySelector(".feedback-status");
    const verdict = event.submitter ? event.submitter.value : "helpful";
    fetch("/feedback", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({
        answer: Number(form.dataset.answer), conversation: form.dataset.conversation,
        feedback: verdict, note: form.querySelector("textarea").value,
      }),
    }).then(function (response) {
      status.textContent = response.ok ? "Thank you: your feedback was sent to the team." : "Sorry, the feedback could not be sent.";
    }, function () { status.textContent = "Sorry, the feedback could not be sent."; });
  });

  // Bring the start of each new answer into view (on a phone the answer would otherwise start
  // above the screen), once per answer.
  let shown = 0;
  new MutationObserver(function () {
    const turns = document.querySelectorAll("#conversation .turn");
    const answered = document.querySelectorAll("#conversation .turn article.answer").length;
    if (answered > shown && turns.length) reveal(turns[turns.length - 1]);
    shown = answered;
  }).observe(document.documentElement, { childList: true, subtree: true });
})();
