// Closed, full, or the server away: plain sentences and ways on.
import QtQuick

Item {
    readonly property var th: vm.theme
    readonly property var t: vm.t
    readonly property var d: vm.detail

    Lines {
        objectName: "messageLines"
        anchors.top: parent.top
        anchors.left: parent.left
        anchors.right: parent.right
        lines: d.lines || []
        fontPx: th.f_heading
    }

    Column {
        anchors.bottom: parent.bottom
        anchors.left: parent.left
        anchors.right: parent.right
        spacing: th.gap
        KButton {
            objectName: "btn_closed_guide"
            visible: (d.guide || "") !== ""
            width: parent.width
            height: Math.round(th.button_h * 1.3)
            kind: "primary"
            text: d.guideLabel || ""
            fontPx: th.f_heading
            onActivated: vm.openGuideFor(d.guide)
        }
        KButton {
            objectName: "btn_guides"
            visible: d.guides === true
            width: parent.width
            height: Math.round(th.button_h * 1.3)
            kind: "primary"
            text: t["tile.guides"]
            fontPx: th.f_heading
            onActivated: vm.openGuides()
        }
    }
}
