/* ALA-kompassen inventory forms: progressive enhancement only.
 *
 * Every form works without this script (the server applies the same rules). With it:
 * - partner fields suggest registered partners while typing (a native <datalist>);
 * - the activity form fills A, P and the typical support items when the type changes,
 *   shows the motivation field only when A or P differ from the type's default, and
 *   sets reach to 100 for mandatory activities;
 * - choosing a course fills an empty programme year with the course's year;
 * - "Add another partner" adds a row to the partner formset.
 */
(function () {
  "use strict";

  function debounce(fn, wait) {
    let timer = null;
    return function (...args) {
      clearTimeout(timer);
      timer = setTimeout(() => fn.apply(this, args), wait);
    };
  }

  /* Partner search-as-you-type ------------------------------------------------ */
  function setUpPartnerSearch(root) {
    const datalist = document.getElementById("partner-options");
    if (!datalist) return;
    const url = datalist.dataset.searchUrl;
    const search = debounce(async (input) => {
      const query = input.value.trim();
      if (query.length < 2) return;
      try {
        const response = await fetch(`${url}?q=${encodeURIComponent(query)}`, {
          headers: { Accept: "application/json" },
          credentials: "same-origin",
        });
        if (!response.ok) return;
        const data = await response.json();
        datalist.replaceChildren(
          ...data.results.map((partner) => {
            const option = document.createElement("option");
            option.value = partner.label;
            return option;
          })
        );
      } catch (error) {
        /* Suggestions are a convenience: typing the name still works. */
      }
    }, 200);
    root.addEventListener("input", (event) => {
      const input = event.target;
      if (input.matches && input.matches("input[data-partner-search]")) search(input);
    });
  }

  /* Activity form --------------------------------------------------------------- */
  function radioValue(form, name) {
    const checked = form.querySelector(`input[name="${name}"]:checked`);
    return checked ? Number(checked.value) : null;
  }

  function setRadio(form, name, value) {
    const radio = form.querySelector(`input[name="${name}"][value="${value}"]`);
    if (radio) radio.checked = true;
  }

  function setUpActivityForm(form) {
    const defaultsScript = document.getElementById("activity-type-defaults");
    if (!defaultsScript) return;
    const defaults = JSON.parse(defaultsScript.textContent);
    const typeSelect = form.querySelector('select[name="type"]');
    const defaultsFor = form.querySelector('input[name="defaults_for"]');
    const motivation = document.getElementById("motivation-group");
    const note = document.getElementById("type-default-note");
    const reach = form.querySelector('input[name="reach"]');
    const supportNames = [
      "support_preparation",
      "support_agreement",
      "support_workplace_supervisor",
      "support_university_contact",
      "support_debriefing",
    ];

    function currentDefaults() {
      return typeSelect ? defaults[typeSelect.value] : undefined;
    }

    function updateMotivation() {
      const d = currentDefaults();
      if (!motivation) return;
      const a = radioValue(form, "authenticity");
      const p = radioValue(form, "proximity");
      const differs = d && a !== null && p !== null && (a !== d.authenticity || p !== d.proximity);
      const hasText = motivation.querySelector("input, textarea")?.value.trim();
      const hasError = motivation.querySelector(".is-invalid");
      motivation.hidden = !(differs || hasText || hasError);
    }

    function applyTypeDefaults() {
      const d = currentDefaults();
      if (!d) return;
      setRadio(form, "authenticity", d.authenticity);
      setRadio(form, "proximity", d.proximity);
      supportNames.forEach((name) => {
        const box = form.querySelector(`input[name="${name}"]`);
        if (!box) return;
        if (d.support.includes(name)) {
          if (!box.checked) box.dataset.autoChecked = "true";
          box.checked = true;
        } else if (box.dataset.autoChecked === "true") {
          box.checked = false;
          delete box.dataset.autoChecked;
        }
      });
      if (defaultsFor) defaultsFor.value = d.key;
      if (note) {
        const label = typeSelect.options[typeSelect.selectedIndex].text;
        note.textContent = `${label}: A ${d.authenticity}, P ${d.proximity}.`;
      }
      updateMotivation();
    }

    function updateReach() {
      const mandatory = form.querySelector('input[name="status"][value="mandatory"]');
      if (!reach || !mandatory) return;
      if (mandatory.checked) {
        reach.value = "100";
        reach.readOnly = true;
      } else {
        reach.readOnly = false;
      }
    }

    if (typeSelect) {
      typeSelect.addEventListener("change", applyTypeDefaults);
      const d = currentDefaults();
      const isNew = !form.querySelector('input[name="version"]')?.value;
      const nothingChosen = radioValue(form, "authenticity") === null;
      if (d && isNew && nothingChosen) applyTypeDefaults();
      else if (d && defaultsFor && !defaultsFor.value) defaultsFor.value = d.key;
    }
    const courseYears = JSON.parse(
      document.getElementById("activity-course-years")?.textContent || "{}"
    );
    const courseSelect = form.querySelector('select[name="course"]');
    const yearSelect = form.querySelector('select[name="year"]');
    if (courseSelect && yearSelect) {
      /* A course's year is the natural year of its activities: offer it when none is set. */
      courseSelect.addEventListener("change", () => {
        const year = courseYears[courseSelect.value];
        if (year && !yearSelect.value) yearSelect.value = String(year);
      });
    }
    form.addEventListener("change", (event) => {
      const name = event.target.name;
      if (name === "authenticity" || name === "proximity") updateMotivation();
      if (name === "status") updateReach();
    });
    updateMotivation();
    updateReach();
  }

  /* Partner formset: add a row -------------------------------------------------- */
  function setUpPartnerRows() {
    const button = document.getElementById("add-partner-row");
    const template = document.getElementById("partner-row-template");
    const rows = document.getElementById("partner-rows");
    const total = document.querySelector('input[name="partners-TOTAL_FORMS"]');
    if (!button || !template || !rows || !total) return;
    button.hidden = false;
    button.addEventListener("click", () => {
      const index = Number(total.value);
      const html = template.innerHTML
        .replaceAll("__prefix__", String(index))
        .replaceAll("__number__", String(index + 1));
      rows.insertAdjacentHTML("beforeend", html);
      total.value = String(index + 1);
      const added = rows.lastElementChild.querySelector("input[data-partner-search]");
      if (added) added.focus();
    });
  }

  document.addEventListener("DOMContentLoaded", () => {
    setUpPartnerSearch(document);
    const activityForm = document.getElementById("activity-form");
    if (activityForm) setUpActivityForm(activityForm);
    setUpPartnerRows();
  });
})();
