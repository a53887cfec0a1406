// A self-service guide: short steps, the official page as a QR code, print, or get help.
// Steps come in pages when they would not fit (large text): buttons, never scrolling.
import QtQuick

Item {
    id: guide
    readonly property var th: vm.theme
    readonly property var t: vm.t
    readonly property var d: vm.detail
    readonly property int qrSide: Math.round(th.px_per_mm * 40)
    // landscape: the code and the buttons in a column on the side
    readonly property int sideW: Math.round(width * 0.36)

    Column {
        id: stepsCol
        anchors.top: parent.top
        anchors.left: parent.left
        width: th.portrait ? parent.width : parent.width - guide.sideW - th.margin
        spacing: th.gap / 2

        Note { width: parent.width; kind: "info"; text: th.portrait ? (d.fallback || "") : "" }
        Text {
            objectName: "guideSummary"
            width: parent.width
            visible: d.firstStep === 1
            text: d.summary || ""
            color: th.text
            font.pixelSize: th.f_body
            font.bold: true
            wrapMode: Text.WordWrap
            horizontalAlignment: Text.AlignLeft
        }
        Rectangle {
            // steps shown in English (no translation yet) read left to right
            LayoutMirroring.enabled: d.stepsRtl === true
            LayoutMirroring.childrenInherit: true
            width: parent.width
            height: steps.implicitHeight + th.gap * 2
            radius: th.radius
            color: th.surface
            border.color: th.border
            border.width: th.border_w
            Column {
                id: steps
                objectName: "guideSteps"
                anchors.left: parent.left
                anchors.right: parent.right
                anchors.top: parent.top
                anchors.margins: th.gap
                spacing: th.gap / 2
                Text {
                    objectName: "stepsPageText"
                    visible: text !== ""
                    width: steps.width
                    text: d.stepsText || ""
                    color: th.muted
                    font.pixelSize: th.f_small
                    font.bold: true
                    horizontalAlignment: Text.AlignLeft
                }
                Repeater {
                    model: d.steps || []
                    Row {
                        required property var modelData
                        required property int index
                        width: steps.width
                        spacing: th.gap / 2
                        Text {
                            id: num
                            text: (d.firstStep + index) + "."
                            color: th.text
                            font.pixelSize: th.f_body
                            font.bold: true
                        }
                        Text {
                            width: steps.width - num.width - th.gap / 2
                            text: modelData
                            color: th.text
                            font.pixelSize: th.f_body
                            wrapMode: Text.WordWrap
                            horizontalAlignment: Text.AlignLeft
                        }
                    }
                }
            }
        }
        Item { width: 1; height: th.gap / 2; visible: stepPaging.visible }
        Row {
            id: stepPaging
            objectName: "stepPaging"
            visible: d.stepPages > 1
            width: parent.width
            spacing: th.gap
            readonly property real slotW: (width - spacing) / 2
            KButton {
                objectName: "btn_prev_steps"
                width: stepPaging.slotW
                kind: "secondary"
                icon: vm.rtl ? "›" : "‹"
                text: t["paging.prev"]
                enabled: d.hasPrevSteps === true
                onActivated: vm.prevSteps()
            }
            KButton {
                objectName: "btn_next_steps"
                width: stepPaging.slotW
                kind: d.hasNextSteps ? "primary" : "secondary"
                icon: vm.rtl ? "‹" : "›"
                text: t["paging.next"]
                enabled: d.hasNextSteps === true
                onActivated: vm.nextSteps()
            }
        }
    }

    // the official page as a code, what it is, and the two ways on
    Item {
        id: side
        anchors.bottom: parent.bottom
        anchors.right: parent.right
        width: th.portrait ? parent.width : guide.sideW
        height: th.portrait ? Math.max(guide.qrSide, actions.implicitHeight) : parent.height

        Note {
            id: sideNote
            anchors.top: parent.top
            anchors.left: parent.left
            anchors.right: parent.right
            visible: !th.portrait && text !== ""
            kind: "info"
            text: th.portrait ? "" : (d.fallback || "")
        }
        QrCode {
            id: qr
            objectName: "guideQr"
            anchors.left: parent.left
            anchors.top: th.portrait ? undefined : (sideNote.visible ? sideNote.bottom : parent.top)
            anchors.topMargin: th.portrait ? 0 : (sideNote.visible ? th.gap : 0)
            anchors.bottom: th.portrait ? parent.bottom : undefined
            side: guide.qrSide
            value: d.qr || ""
        }
        Text {
            // landscape: the code's caption beside it (portrait: over the buttons)
            objectName: "guideQrCaptionSide"
            visible: !th.portrait
            anchors.left: qr.right
            anchors.leftMargin: th.gap
            anchors.right: parent.right
            anchors.top: qr.top
            text: d.qrCaption || ""
            color: th.text
            font.pixelSize: th.f_small
            wrapMode: Text.WordWrap
            horizontalAlignment: Text.AlignLeft
        }
        Column {
            id: actions
            anchors.left: th.portrait ? qr.right : parent.left
            anchors.leftMargin: th.portrait ? th.gap : 0
            anchors.right: parent.right
            anchors.bottom: parent.bottom
            spacing: th.gap / 2
            Text {
                // the code's caption (portrait), or what just happened (printed / printer out)
                objectName: vm.notice ? "guideNotice" : "guideQrCaption"
                visible: text !== ""
                width: parent.width
                text: vm.notice || (th.portrait ? d.qrCaption || "" : "")
                color: th.text
                font.pixelSize: vm.notice ? th.f_body : th.f_small
                font.bold: vm.notice !== ""
                wrapMode: Text.WordWrap
                horizontalAlignment: Text.AlignLeft
            }
            Item { width: 1; height: th.gap / 2 }
            KButton {
                objectName: "btn_print_guide"
                visible: d.canPrint === true
                width: parent.width
                kind: "secondary"
                text: t["guide.print"]
                onActivated: vm.printGuide()
            }
            KButton {
                objectName: "btn_help"
                visible: d.canHelp === true
                width: parent.width
                kind: "primary"
                text: d.helpLabel || ""
                onActivated: vm.guideHelp()
            }
            Text {
                objectName: "guideNoHelp"
                visible: text !== ""
                width: parent.width
                text: d.noHelp || ""
                color: th.text
                font.pixelSize: th.f_body
                font.bold: true
                wrapMode: Text.WordWrap
                horizontalAlignment: Text.AlignLeft
            }
        }
    }
}
