/* Progressive enhancement of the citizen's pages; without script every part works as plain HTML.
 *
 * - The error summary takes the focus, so screen readers start there.
 * - Choosing a category shows its extra questions at once (without script they come with the next page).
 * - "Use my location" (Geolocation API) and, with Leaflet and a tile address, a map to click the point:
 *   both only fill the latitude and longitude fields, which stay editable.
 */
(function () {
    "use strict";

    function focusErrorSummary() {
        var summary = document.querySelector("[data-error-summary]");
        if (summary) {
            summary.focus();
        }
    }

    function switchQuestions(form) {
        var blocks = form.querySelectorAll("[data-questions]");
        var asked = form.querySelector("[data-asked]");
        if (!blocks.length || !asked) {
            return;
        }
        function update() {
            var chosen = form.querySelector('input[name="category"]:checked');
            var code = chosen ? chosen.value : "";
            var shown = "";
            blocks.forEach(function (block) {
                var on = block.getAttribute("data-questions") === code;
                block.hidden = !on;
                block.disabled = !on;
                if (on) {
                    shown = code;
                }
            });
            asked.value = shown;
        }
        form.querySelectorAll('input[name="category"]').forEach(function (radio) {
            radio.addEventListener("change", update);
        });
        update();
    }

    function setupMap(form) {
        var tools = form.querySelector("[data-map]");
        var lat = form.querySelector("#latitude");
        var lon = form.querySelector("#longitude");
        if (!tools || !lat || !lon) {
            return;
        }
        var status = tools.querySelector("[data-map-status]");
        var locate = tools.querySelector("[data-locate]");
        var canvas = tools.querySelector("[data-map-canvas]");
        var map = null;
        var marker = null;
        var hasMap = canvas && window.L && tools.getAttribute("data-tiles");
        var area = tools.querySelector("[data-map-area]");
        if (area && !hasMap) {
            area.parentNode.removeChild(area);
        }
        if (!hasMap && !navigator.geolocation) {
            return;
        }
        tools.hidden = false;

        function number(input) {
            var value = parseFloat(String(input.value).replace(",", "."));
            return isNaN(value) ? null : value;
        }

        function showPoint(pan) {
            if (!map) {
                return;
            }
            var la = number(lat);
            var lo = number(lon);
            if (la === null || lo === null) {
                return;
            }
            if (marker) {
                marker.setLatLng([la, lo]);
            } else {
                marker = window.L.marker([la, lo], { keyboard: false, alt: tools.getAttribute("data-marker") || "" }).addTo(map);
            }
            if (pan) {
                map.setView([la, lo], Math.max(map.getZoom(), 16));
            }
        }

        function fill(la, lo, pan) {
            lat.value = la.toFixed(6);
            lon.value = lo.toFixed(6);
            showPoint(pan);
        }

        if (hasMap) {
            var center = (tools.getAttribute("data-center") || "52.11,21.01,13").split(",").map(parseFloat);
            map = window.L.map(canvas).setView([center[0], center[1]], center[2] || 13);
            window.L.tileLayer(tools.getAttribute("data-tiles"), {
                maxZoom: 19,
                attribution: tools.getAttribute("data-attribution") || ""
            }).addTo(map);
            map.on("click", function (event) {
                fill(event.latlng.lat, event.latlng.lng, false);
            });
            [lat, lon].forEach(function (input) {
                input.addEventListener("change", function () {
                    showPoint(true);
                });
            });
            showPoint(true);
        }

        if (navigator.geolocation && locate) {
            locate.hidden = false;
            locate.addEventListener("click", function () {
                status.textContent = locate.getAttribute("data-finding") || "…";
                navigator.geolocation.getCurrentPosition(
                    function (position) {
                        fill(position.coords.latitude, position.coords.longitude, true);
                        status.textContent = (locate.getAttribute("data-found") || "") + " " + lat.value + ", " + lon.value;
                    },
                    function () {
                        status.textContent = locate.getAttribute("data-failed") || "";
                    },
                    { enableHighAccuracy: true, timeout: 15000 }
                );
            });
        }
    }

    document.addEventListener("DOMContentLoaded", function () {
        focusErrorSummary();
        document.querySelectorAll(".report-form").forEach(function (form) {
            switchQuestions(form);
            setupMap(form);
        });
    });
})();
