// 台账通 WPS 加载项: ribbon callbacks (WPS loads index.html, which loads this file, then reads
// ribbon.xml and calls the functions named there). Plain synchronous functions on purpose: some WPS
// builds do not show a ribbon whose callbacks are async. The task pane is the same pane as in Excel,
// served as wps.html next to this add-in folder (or at the URL the build writes below).
/* global window */
var TAIZHANG_PANE_URL = "__TAIZHANG_PANE_URL__";
var TAIZHANG_PANE_KEY = "taizhang_taskpane_id";

function taizhangAddinBase() {
  var href = decodeURI(String(window.location.href)).split("#")[0].split("?")[0];
  return href.substring(0, href.lastIndexOf("/") + 1);
}

/** The pane's URL: the one the build wrote, else wps.html one folder up from this add-in. */
function taizhangPaneUrl() {
  if (TAIZHANG_PANE_URL.indexOf("__") !== 0) return TAIZHANG_PANE_URL;
  return taizhangAddinBase() + "../wps.html";
}

function OnAddinLoad(ribbonUI) {
  if (typeof window.Application.ribbonUI !== "object") window.Application.ribbonUI = ribbonUI;
  return true;
}

/** Opens the task pane, or shows/hides the one already open in this WPS session. */
function taizhangTogglePane() {
  var app = window.Application;
  var id = app.PluginStorage.getItem(TAIZHANG_PANE_KEY);
  var pane = null;
  if (id) {
    try {
      pane = app.GetTaskPane(id);
    } catch (_e) {
      pane = null; // closed with its window: make a new one
    }
  }
  if (!pane) {
    pane = app.CreateTaskPane(taizhangPaneUrl());
    app.PluginStorage.setItem(TAIZHANG_PANE_KEY, pane.ID);
    pane.DockPosition = 2; // msoCTPDockPositionRight
    pane.Visible = true;
    return pane;
  }
  pane.Visible = !pane.Visible;
  return pane;
}

function OnAction(control) {
  if (control && control.Id === "taizhangOpenPane") taizhangTogglePane();
  return true;
}

function OnGetEnabled() {
  return true;
}

function GetImage() {
  return "images/taizhang.png";
}

// Also under the spelling some WPS documentation uses.
var OnAddInLoad = OnAddinLoad;

if (typeof module !== "undefined") {
  module.exports = {
    OnAddinLoad: OnAddinLoad,
    OnAction: OnAction,
    OnGetEnabled: OnGetEnabled,
    GetImage: GetImage,
    taizhangPaneUrl: taizhangPaneUrl,
  };
}
