// Confirm: the service, the wait, and how to get the number (paper or phone).
import QtQuick

Item {
    readonly property var th: vm.theme
    readonly property var t: vm.t
    readonly property var d: vm.detail

    Column {
        anchors.top: parent.top
        anchors.left: parent.left
        anchors.right: parent.right
        spacing: th.gap
        Lines { width: parent.width; lines: d.lines || []; strongFirst: true; fontPx: th.f_heading }
        Note { width: parent.width; kind: "info"; text: d.note || "" }
    }

    Column {
        anchors.bottom: parent.bottom
        anchors.left: parent.left
        anchors.right: parent.right
        spacing: th.gap
        Note { width: parent.width; kind: "warn"; text: d.printerNote || "" }
        KButton {
            objectName: "btn_print"
            visible: d.canPrint === true
            width: parent.width
            height: Math.round(th.button_h * 1.3)
            kind: "primary"
            text: t["confirm.print"]
            fontPx: th.f_heading
            onActivated: vm.takeTicket(false)
        }
        KButton {
            objectName: "btn_paperless"
            width: parent.width
            height: Math.round(th.button_h * 1.3)
            kind: d.canPrint ? "secondary" : "primary"
            text: d.screenLabel || ""
            fontPx: th.f_heading
            onActivated: vm.takeTicket(true)
        }
    }
}
