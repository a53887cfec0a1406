// A service with a guide: "You can do it yourself — or take a ticket".
import QtQuick

Item {
    readonly property var th: vm.theme
    readonly property var t: vm.t
    readonly property var d: vm.detail

    Lines {
        anchors.top: parent.top
        anchors.left: parent.left
        anchors.right: parent.right
        lines: [d.guideTitle || "", d.guideSummary || ""]
        strongFirst: true
    }

    Column {
        anchors.bottom: parent.bottom
        anchors.left: parent.left
        anchors.right: parent.right
        spacing: th.gap
        KButton {
            objectName: "btn_guide"
            width: parent.width
            height: Math.round(th.button_h * 1.3)
            kind: "primary"
            text: t["offer.guide"]
            fontPx: th.f_heading
            onActivated: vm.offerGuide()
        }
        KButton {
            objectName: "btn_ticket"
            width: parent.width
            height: Math.round(th.button_h * 1.3)
            kind: "secondary"
            text: t["offer.ticket"]
            fontPx: th.f_heading
            onActivated: vm.offerTicket()
        }
    }
}
