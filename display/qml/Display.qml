// The waiting-room board. Binds to the view-model `vm` only. Sizes come from it: vm.bodyPx,
// vm.minPx, vm.callPx, vm.heroPx are px for reading at 8 m on the configured screen; no
// text is ever smaller than vm.minPx (a long name shrinks to it, then is cut).
//
// Landscape: the newest call across the full width; earlier calls left, queues right.
// Portrait: the newest call on two lines; earlier calls, then queues, below.
// A right-to-left language (vm.rtl) mirrors it all: anchors and rows by LayoutMirroring,
// the few items placed by x through place(), and the arrows point left.
import QtQuick

Rectangle {
    id: root
    required property var vm
    readonly property string family: "DejaVu Sans"
    readonly property color ink: "#ffffff"
    readonly property color muted: "#b9cbe0"
    readonly property color panel: "#123a61"
    readonly property color accent: "#ffd447"
    readonly property color accentInk: "#0d2b4a"
    readonly property color flashColor: "#ffffff"
    readonly property color offline: "#ffb020"
    readonly property color rule: "#2a4d72"
    readonly property string arrow: vm.rtl ? "←" : "→"
    color: "#0d2b4a"

    // the x of an item `w` wide at `lx` in a left-to-right layout, mirrored when right-to-left
    function place(lx: real, w: real, parentWidth: real): real {
        return vm.rtl ? parentWidth - lx - w : lx
    }

    component Label: Text {
        color: root.ink
        font.family: root.family
        font.pixelSize: root.vm.bodyPx
        minimumPixelSize: root.vm.minPx
        elide: Text.ElideRight
        // explicit, so LayoutMirroring turns it to the right for a right-to-left board
        // (an unset alignment follows each text's own direction: "Dokk1" would stay left)
        horizontalAlignment: Text.AlignLeft
        verticalAlignment: Text.AlignVCenter
    }

    Item {
        id: content
        objectName: "content"
        anchors.centerIn: parent
        width: root.vm.rotate ? root.height : root.width
        height: root.vm.rotate ? root.width : root.height
        rotation: root.vm.rotate ? 90 : 0
        LayoutMirroring.enabled: root.vm.rtl
        LayoutMirroring.childrenInherit: true
        readonly property bool portrait: height > width
        readonly property real gap: Math.round(root.vm.bodyPx * 0.35)
        readonly property real rowHeight: Math.round(root.vm.callPx * 1.15)
        readonly property real queueRowHeight: Math.round(root.vm.bodyPx * 1.1 + root.vm.minPx * 1.15)

        // ---- header: branch, offline mark, clock -------------------------------------
        Rectangle {
            id: header
            width: parent.width
            height: Math.round(root.vm.bodyPx * 1.4)
            color: root.panel
            Label {
                objectName: "branchName"
                anchors { left: parent.left; leftMargin: content.gap; verticalCenter: parent.verticalCenter }
                width: parent.width - clockRow.width - content.gap * 3
                text: root.vm.branchName
                font.bold: true
                fontSizeMode: Text.HorizontalFit
            }
            Row {
                id: clockRow
                anchors { right: parent.right; rightMargin: content.gap; verticalCenter: parent.verticalCenter }
                spacing: content.gap
                Row {
                    objectName: "offlineMark"
                    visible: root.vm.status === "offline" || root.vm.status === "connecting"
                    anchors.verticalCenter: parent.verticalCenter
                    spacing: Math.round(root.vm.bodyPx * 0.2)
                    Rectangle {
                        width: Math.round(root.vm.bodyPx * 0.35); height: width; radius: width / 2
                        anchors.verticalCenter: parent.verticalCenter
                        color: root.vm.status === "offline" ? root.offline : root.muted
                    }
                    Label {
                        objectName: "statusText"  // a discreet mark for staff, not read at 8 m
                        text: root.vm.statusText
                        font.pixelSize: Math.round(root.vm.bodyPx * 0.5)
                        minimumPixelSize: Math.round(root.vm.bodyPx * 0.5)
                        color: root.vm.status === "offline" ? root.offline : root.muted
                    }
                }
                Label {
                    objectName: "clock"
                    text: root.vm.clock
                    font.bold: true
                    font.features: { "tnum": 1 }
                }
            }
        }

        // ---- footer: the branch's info line (one line if it fits, else two) ------------
        TextMetrics {
            id: infoMetrics
            font.family: root.family
            font.pixelSize: root.vm.minPx
            text: root.vm.infoLine
        }
        Rectangle {
            id: footer
            readonly property bool oneLine: infoMetrics.advanceWidth <= width - content.gap * 2
            readonly property int lines: Math.min(content.portrait ? 3 : 2,
                Math.ceil(infoMetrics.advanceWidth * 1.05 / (width - content.gap * 2)))
            anchors.bottom: parent.bottom
            width: parent.width
            height: root.vm.infoLine === "" ? 0
                : (oneLine ? root.vm.bodyPx * 1.25 : root.vm.minPx * 1.25 * lines) + content.gap
            visible: root.vm.infoLine !== ""
            color: root.panel
            Label {
                objectName: "infoLine"
                anchors { left: parent.left; right: parent.right; margins: content.gap; verticalCenter: parent.verticalCenter }
                height: parent.height - content.gap
                text: root.vm.infoLine
                font.pixelSize: footer.oneLine ? root.vm.bodyPx : root.vm.minPx
                fontSizeMode: footer.oneLine ? Text.HorizontalFit : Text.FixedSize
                wrapMode: footer.oneLine ? Text.NoWrap : Text.WordWrap
                maximumLineCount: footer.lines
            }
        }

        // ---- the newest call ------------------------------------------------------------
        Rectangle {
            id: hero
            objectName: "hero"
            anchors { top: header.bottom; topMargin: content.gap; left: parent.left; right: parent.right; leftMargin: content.gap; rightMargin: content.gap }
            height: content.portrait ? Math.round(root.vm.heroPx * 1.15 + root.vm.callPx * 1.4)
                                     : Math.round(root.vm.heroPx * 1.2)
            radius: content.gap * 0.5
            // flashes while this call is announced, then stays highlighted
            readonly property bool flashing: root.vm.flashOn && root.vm.hero.key === root.vm.emphasised
            color: flashing ? root.flashColor : root.accent
            visible: root.vm.hero.number !== undefined
            Label {
                id: heroNumber
                objectName: "heroNumber"
                readonly property real lx: content.gap
                x: root.place(lx, width, parent.width)
                width: content.portrait ? parent.width - content.gap * 2 : implicitWidth
                height: content.portrait ? root.vm.heroPx * 1.15 : parent.height
                text: root.vm.hero.number || ""
                color: root.accentInk
                font.bold: true
                font.pixelSize: root.vm.heroPx
                elide: Text.ElideNone
            }
            Label {
                id: heroArrow
                readonly property real lx: content.portrait ? content.gap
                    : heroNumber.lx + heroNumber.width + content.gap
                x: root.place(lx, width, parent.width)
                y: content.portrait ? heroNumber.height : 0
                width: Math.round(root.vm.callPx * 1.1)
                height: content.portrait ? parent.height - y : parent.height
                horizontalAlignment: Text.AlignHCenter
                text: root.arrow
                color: root.accentInk
                font.pixelSize: content.portrait ? root.vm.callPx * 1.15 : root.vm.heroPx * 0.8
            }
            Label {
                objectName: "heroCounter"
                readonly property real lx: heroArrow.lx + heroArrow.width + content.gap * 0.5
                x: root.place(lx, width, parent.width)
                y: heroArrow.y
                width: parent.width - lx - content.gap
                height: heroArrow.height
                text: root.vm.hero.counter || ""
                color: root.accentInk
                font.bold: true
                font.pixelSize: content.portrait ? root.vm.callPx * 1.15 : root.vm.heroPx
                fontSizeMode: Text.HorizontalFit
            }
        }
        Label {
            objectName: "noCalls"
            anchors { top: header.bottom; topMargin: content.gap * 2; left: parent.left; leftMargin: content.gap * 2 }
            width: parent.width - content.gap * 4
            visible: !hero.visible
            text: root.vm.texts["no_calls"] || ""
            color: root.muted
            wrapMode: Text.WordWrap
        }

        // ---- below the newest call: earlier calls and the queues -------------------------
        Item {
            id: main
            anchors { top: hero.bottom; bottom: footer.top; left: parent.left; right: parent.right; margins: content.gap }
            readonly property int portraitRows: Math.max(1, Math.floor((height - content.queueRowHeight * 3
                - root.vm.minPx * 1.3 - content.gap) / content.rowHeight))

            Column {
                id: history
                objectName: "history"
                x: root.place(0, width, main.width)
                width: content.portrait ? main.width : Math.round(main.width * 0.56)
                readonly property int fits: content.portrait ? main.portraitRows
                    : Math.floor(main.height / content.rowHeight)
                height: content.portrait ? fits * content.rowHeight : main.height
                clip: true
                Repeater {
                    model: root.vm.history.slice(0, history.fits)
                    delegate: Item {
                        id: callRow
                        required property var modelData
                        required property int index
                        // an earlier call whose announcement is still playing flashes here
                        readonly property bool flashing: root.vm.flashOn && modelData.key === root.vm.emphasised
                        objectName: "call-" + modelData.number
                        width: history.width
                        height: content.rowHeight
                        Rectangle {
                            anchors.fill: parent
                            visible: callRow.flashing
                            radius: content.gap * 0.5
                            color: root.flashColor
                        }
                        Rectangle { visible: index > 0; width: parent.width; height: 2; color: root.rule }
                        Label {
                            id: rowNumber
                            x: root.place(content.gap * 0.5, width, parent.width)
                            width: Math.round(root.vm.callPx * 2.9)
                            height: parent.height
                            text: modelData.number
                            color: callRow.flashing ? root.accentInk : root.ink
                            font.bold: true
                            font.pixelSize: root.vm.callPx
                            fontSizeMode: Text.HorizontalFit
                            elide: Text.ElideNone
                        }
                        Label {
                            id: rowArrow
                            anchors.left: rowNumber.right
                            width: Math.round(root.vm.callPx * 1.05)
                            height: parent.height
                            horizontalAlignment: Text.AlignHCenter
                            text: root.arrow
                            color: callRow.flashing ? root.accentInk : root.muted
                            font.pixelSize: root.vm.callPx
                        }
                        Label {
                            anchors.left: rowArrow.right
                            width: parent.width - rowNumber.width - rowArrow.width - content.gap  // a margin at the end, for the flash
                            height: parent.height
                            text: modelData.counter
                            color: callRow.flashing ? root.accentInk : root.ink
                            font.bold: true
                            font.pixelSize: root.vm.callPx
                            fontSizeMode: Text.HorizontalFit
                        }
                    }
                }
            }

            // waiting per service; pages through them when they do not all fit
            Item {
                id: queuesArea
                readonly property real lx: content.portrait ? 0 : history.width + content.gap * 2
                x: root.place(lx, width, main.width)
                y: content.portrait ? history.height + content.gap : 0
                width: main.width - lx
                height: main.height - y
                Label {
                    id: queuesTitle
                    anchors.left: parent.left
                    width: parent.width - pageMark.width
                    height: Math.round(root.vm.minPx * 1.3)
                    text: root.vm.texts["queues_title"] || ""
                    color: root.muted
                    font.pixelSize: root.vm.minPx
                }
                Label {
                    id: pageMark
                    objectName: "queuePage"
                    anchors.right: parent.right
                    height: queuesTitle.height
                    visible: queueList.pages > 1
                    text: (queueList.page + 1) + "/" + queueList.pages
                    color: root.muted
                    font.pixelSize: root.vm.minPx
                }
                ListView {
                    id: queueList
                    objectName: "queues"
                    anchors { top: queuesTitle.bottom; left: parent.left; right: parent.right }
                    readonly property int perPage: Math.max(1, Math.floor((queuesArea.height - queuesTitle.height) / content.queueRowHeight))
                    readonly property int pages: Math.max(1, Math.ceil(count / perPage))
                    property int page: 0
                    height: perPage * content.queueRowHeight
                    interactive: false
                    clip: true
                    model: root.vm.queues
                    contentY: page * perPage * content.queueRowHeight
                    onPagesChanged: if (page >= pages) page = 0
                    Timer {
                        interval: 8000
                        running: queueList.pages > 1
                        repeat: true
                        onTriggered: queueList.page = (queueList.page + 1) % queueList.pages
                    }
                    delegate: Item {
                        required property var modelData
                        objectName: "queue-" + modelData.service
                        width: queueList.width
                        height: content.queueRowHeight
                        Rectangle { width: parent.width; height: 2; color: root.rule }
                        Label {
                            objectName: "serviceName"
                            anchors.left: parent.left
                            y: Math.round(root.vm.bodyPx * 0.05)
                            width: parent.width - (count.visible ? count.width + content.gap : 0)
                            height: Math.round(root.vm.bodyPx * 1.1)
                            text: modelData.name
                            font.bold: true
                            fontSizeMode: Text.HorizontalFit
                            color: modelData.open ? root.ink : root.muted
                        }
                        Label {
                            id: count
                            objectName: "waitingCount"
                            anchors.right: parent.right
                            y: Math.round(root.vm.bodyPx * 0.05)
                            height: Math.round(root.vm.bodyPx * 1.1)
                            visible: modelData.waiting > 0
                            text: String(modelData.waiting)
                            font.bold: true
                            horizontalAlignment: Text.AlignRight
                        }
                        Label {
                            objectName: "waitRange"
                            y: Math.round(root.vm.bodyPx * 1.1)
                            width: parent.width
                            height: Math.round(root.vm.minPx * 1.1)
                            text: modelData.wait
                            color: root.muted
                            font.pixelSize: root.vm.minPx
                        }
                    }
                }
            }
        }

        // ---- a problem that keeps the board from working: said plainly ------------------
        Rectangle {
            objectName: "message"
            visible: root.vm.message !== ""
            anchors.centerIn: parent
            width: parent.width * 0.8
            height: messageText.implicitHeight + content.gap * 2
            radius: content.gap
            color: root.panel
            border { color: root.offline; width: 4 }
            Label {
                id: messageText
                anchors { fill: parent; margins: content.gap }
                text: root.vm.message
                wrapMode: Text.WordWrap
                horizontalAlignment: Text.AlignHCenter
            }
        }
    }
}
