// A little plain JavaScript; every page works without it.
"use strict";

function addTextBox() {
  // Clone the last text box, emptied and renumbered: no markup is built from strings.
  const boxes = document.querySelectorAll("#texts fieldset.text");
  const last = boxes[boxes.length - 1];
  const copy = last.cloneNode(true);
  copy.querySelector("legend").textContent = "Text " + (boxes.length + 1);
  copy.querySelectorAll("input, textarea").forEach((field) => { field.value = ""; });
  last.after(copy);
}

function showBusy(event) {
  const button = document.getElementById("compare-submit");
  const busy = document.getElementById("busy");
  if (button) button.disabled = true;
  if (busy) busy.hidden = false;
}

function highlightLinked() {
  // On the article page, focusing a claim shows its matches in other sources.
  document.querySelectorAll(".article-text .claim").forEach((claim) => {
    claim.addEventListener("focus", () => {
      document.querySelectorAll(".for-claim").forEach((item) => {
        item.classList.toggle("active", item.dataset.claim === claim.id);
      });
    });
  });
}

document.addEventListener("DOMContentLoaded", () => {
  const add = document.getElementById("add-text");
  if (add) add.addEventListener("click", addTextBox);
  const form = document.getElementById("compare-form");
  if (form) form.addEventListener("submit", showBusy);
  highlightLinked();
});
