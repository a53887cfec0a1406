// The ticket: the number, people ahead, the wait, how it was given, and a QR to follow it.
// Portrait: one column, the code beside its caption. Landscape: facts left, code right.
import QtQuick

Item {
    id: ticket
    readonly property var th: vm.theme
    readonly property var t: vm.t
    readonly property var d: vm.detail
    readonly property int qrSide: Math.round(th.px_per_mm * (th.portrait ? 56 : 52))
    readonly property int sideW: th.portrait ? width : Math.max(qrSide, Math.round(width * 0.3))

    Column {
        id: info
        anchors.top: parent.top
        anchors.left: parent.left
        width: th.portrait ? parent.width : parent.width - ticket.sideW - th.margin
        spacing: th.gap

        Rectangle {
            width: parent.width
            height: numberCol.implicitHeight + th.gap
            radius: th.radius
            color: th.surface
            border.color: th.border
            border.width: th.border_w
            Column {
                id: numberCol
                anchors.left: parent.left
                anchors.right: parent.right
                anchors.verticalCenter: parent.verticalCenter
                Text {
                    objectName: "ticketNumber"
                    width: parent.width
                    text: d.number || ""
                    color: th.text
                    font.pixelSize: th.f_number
                    font.bold: true
                    horizontalAlignment: Text.AlignHCenter
                    Accessible.role: Accessible.StaticText
                    Accessible.name: t["ticket.title"] + " " + text
                }
                Text {
                    width: parent.width
                    text: d.service || ""
                    color: th.text
                    font.pixelSize: th.f_heading
                    font.bold: true
                    wrapMode: Text.WordWrap
                    horizontalAlignment: Text.AlignHCenter
                }
            }
        }
        Lines { width: parent.width; lines: d.lines || [] }
        Note {
            objectName: "ticketHow"
            width: parent.width
            kind: d.failed ? "warn" : "info"
            text: d.how || ""
        }
    }

    Item {
        id: side
        anchors.top: th.portrait ? info.bottom : parent.top
        anchors.topMargin: th.portrait ? th.gap : 0
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        width: ticket.sideW

        QrCode {
            id: qr
            objectName: "ticketQr"
            anchors.top: parent.top
            anchors.right: th.portrait ? parent.right : undefined
            anchors.horizontalCenter: th.portrait ? undefined : parent.horizontalCenter
            side: ticket.qrSide
            value: d.qr || ""
        }
        Text {
            objectName: "qrCaption"
            anchors.top: th.portrait ? qr.top : qr.bottom
            anchors.topMargin: th.portrait ? 0 : th.gap / 2
            anchors.left: parent.left
            anchors.right: th.portrait ? qr.left : parent.right
            anchors.rightMargin: th.portrait ? th.gap : 0
            text: d.qrCaption || ""
            color: th.text
            font.pixelSize: th.f_body
            wrapMode: Text.WordWrap
            horizontalAlignment: Text.AlignLeft
        }
        KButton {
            objectName: "btn_done"
            anchors.bottom: parent.bottom
            anchors.left: parent.left
            anchors.right: parent.right
            height: Math.round(th.button_h * 1.3)
            kind: "primary"
            icon: "✓"
            text: t["ticket.done"]
            fontPx: th.f_heading
            onActivated: vm.done()
        }
    }
}
