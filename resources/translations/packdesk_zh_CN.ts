<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ApprovePanel</name>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Approve (Enter)</source>
        <translation>审批（回车）</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>关闭（Esc）</translation>
    </message>
</context>
<context>
    <name>BindScreen</name>
    <message>
        <source>Bind tracking numbers</source>
        <extracomment>the verdict in large type (the banner of every scan screen)</extracomment>
        <translation>绑定运单号</translation>
    </message>
    <message>
        <source>Scan the order (or a parcel&apos;s waybill), then the tracking number · F6: a new parcel · F9: change a parcel&apos;s number (supervisor) · Esc: start over</source>
        <translation>先扫订单号（或包裹上的面单），再扫运单号 · F6：新包裹 · F9：更换包裹的运单号（主管） · Esc：重新开始</translation>
    </message>
    <message>
        <source>Scan here</source>
        <translation>在此扫描</translation>
    </message>
    <message>
        <source>Scan the order number</source>
        <translation>请扫描订单号</translation>
    </message>
    <message>
        <source>Why is the number of parcel {n} changed? Type it, then Enter</source>
        <translation>为什么更换包裹 {n} 的运单号？输入原因后按 Enter</translation>
    </message>
    <message>
        <source>Scan the NEW tracking number for parcel {n}</source>
        <translation>请扫描包裹 {n} 的新运单号</translation>
    </message>
    <message>
        <source>Scan the tracking number for parcel {n}</source>
        <translation>请扫描包裹 {n} 的运单号</translation>
    </message>
    <message>
        <source>{shop} · {buyer}, {city} · carrier {carrier} · {status}</source>
        <translation>{shop} · {buyer}，{city} · 快递 {carrier} · {status}</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Parcel {n}: {number}</source>
        <translation>包裹 {n}：{number}</translation>
    </message>
    <message>
        <source>no tracking number yet</source>
        <translation>尚无运单号</translation>
    </message>
    <message>
        <source>Parcel {n}: new</source>
        <translation>包裹 {n}：新包裹</translation>
    </message>
</context>
<context>
    <name>CancelPanel</name>
    <message>
        <source>Call it off (Enter)</source>
        <translation>取消盘点（回车）</translation>
    </message>
    <message>
        <source>Keep it (Esc)</source>
        <translation>保留（Esc）</translation>
    </message>
</context>
<context>
    <name>ChosenOrdersModel</name>
    <message>
        <source>Order no.</source>
        <translation>订单号</translation>
    </message>
    <message>
        <source>Wave</source>
        <translation>波次</translation>
    </message>
    <message>
        <source>Tracking no.</source>
        <translation>运单号</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
</context>
<context>
    <name>CountReview</name>
    <message>
        <source>Miscount</source>
        <extracomment>the whole row (CountListRow, ReportLine) Why a variance is booked (app.domain.counts.AdjustReason), in words.</extracomment>
        <translation>点数差错</translation>
    </message>
    <message>
        <source>Damaged</source>
        <translation>损坏</translation>
    </message>
    <message>
        <source>Lost</source>
        <translation>丢失</translation>
    </message>
    <message>
        <source>Found</source>
        <translation>找到</translation>
    </message>
    <message>
        <source>Theft</source>
        <translation>被盗</translation>
    </message>
    <message>
        <source>Data error</source>
        <translation>数据错误</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>初盘</translation>
    </message>
    <message>
        <source>Recount</source>
        <translation>复盘</translation>
    </message>
    <message>
        <source>Recount {n}</source>
        <translation>第 {n} 次复盘</translation>
    </message>
    <message>
        <source>Units picked, put away or received while the location was being counted</source>
        <translation>盘点该库位期间拣货、上架或入库的数量</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>库位</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>品名</translation>
    </message>
    <message>
        <source>Lot</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Expected</source>
        <translation>账面</translation>
    </message>
    <message>
        <source>Variance</source>
        <translation>差异</translation>
    </message>
    <message>
        <source>Value ¥</source>
        <translation>金额 ¥</translation>
    </message>
    <message>
        <source>Moved</source>
        <translation>盘中变动</translation>
    </message>
    <message>
        <source>{n} over</source>
        <translation>{n} 盘盈</translation>
    </message>
    <message>
        <source>{n} short</source>
        <translation>{n} 盘亏</translation>
    </message>
    <message>
        <source>{round}: counted by {name}</source>
        <translation>{round}：{name} 盘点</translation>
    </message>
    <message>
        <source>{n} unit(s) moved on this lot while the location was being counted</source>
        <translation>盘点该库位期间，该批次变动了 {n} 件</translation>
    </message>
</context>
<context>
    <name>CountReviewScreen</name>
    <message>
        <source>Count review</source>
        <extracomment>stock moved (an approval booked its variances) an action&apos;s result in words, or a refusal (tests and the main window)</extracomment>
        <translation>盘点审核</translation>
    </message>
    <message>
        <source>Enter open · Esc back · {f5} refresh · {f6} variances only</source>
        <translation>回车 打开 · Esc 返回 · {f5} 刷新 · {f6} 只看差异</translation>
    </message>
    <message>
        <source>{new} new · {submit} submit · {recount} recount selected · {approve} approve · {cancel} call off</source>
        <translation>{new} 新建 · {submit} 提交 · {recount} 所选复盘 · {approve} 审批 · {cancel} 取消盘点</translation>
    </message>
    <message>
        <source>New count ({key})</source>
        <translation>新建盘点（{key}）</translation>
    </message>
    <message>
        <source>Submit ({key})</source>
        <translation>提交（{key}）</translation>
    </message>
    <message>
        <source>Recount ({key})</source>
        <translation>复盘（{key}）</translation>
    </message>
    <message>
        <source>Approve ({key})</source>
        <translation>审批（{key}）</translation>
    </message>
    <message>
        <source>Call off ({key})</source>
        <translation>取消盘点（{key}）</translation>
    </message>
    <message>
        <source>Variances only ({key})</source>
        <translation>只看差异（{key}）</translation>
    </message>
    <message>
        <source>Variance by zone (units)</source>
        <translation>按库区差异（件）</translation>
    </message>
    <message>
        <source>Wait: the last action is still running.</source>
        <translation>请稍候：上一个操作仍在进行。</translation>
    </message>
    <message>
        <source>Select a count and press Enter to see its lines.</source>
        <translation>选择一个盘点单并按回车，查看盘点明细。</translation>
    </message>
    <message>
        <source>No count opened</source>
        <translation>未打开盘点单</translation>
    </message>
    <message>
        <source>{count} · {status}</source>
        <translation>{count} · {status}</translation>
    </message>
    <message>
        <source>{zone} · {sign}: {units} unit(s)</source>
        <translation>{zone} · {sign}：{units} 件</translation>
    </message>
    <message>
        <source>Approve {count}: {n} line(s) with a variance, {units} unit(s) net{value}, become stock adjustments in the ledger. Why? Enter approves, Esc closes</source>
        <translation>审批 {count}：{n} 行差异，净 {units} 件{value}，将作为库存调整记入库存流水。原因？回车审批，Esc 关闭</translation>
    </message>
    <message>
        <source>{done} of {n} location(s) counted</source>
        <translation>已盘 {done}/{n} 个库位</translation>
    </message>
    <message>
        <source>{n} line(s) with a variance</source>
        <translation>{n} 行有差异</translation>
    </message>
    <message>
        <source>approved by {name}</source>
        <translation>审批人 {name}</translation>
    </message>
    <message>
        <source>short {units}</source>
        <translation>盘亏 {units}</translation>
    </message>
    <message>
        <source>over {units}</source>
        <translation>盘盈 {units}</translation>
    </message>
    <message>
        <source>{n} line(s) without a variance hidden</source>
        <translation>已隐藏 {n} 行无差异</translation>
    </message>
    <message>
        <source>Short</source>
        <translation>盘亏</translation>
    </message>
    <message>
        <source>Over</source>
        <translation>盘盈</translation>
    </message>
    <message>
        <source>Zone {zone}</source>
        <translation>{zone} 区</translation>
    </message>
    <message>
        <source>No variance</source>
        <translation>无差异</translation>
    </message>
    <message>
        <source>No location counted yet</source>
        <translation>尚未盘点任何库位</translation>
    </message>
    <message>
        <source>Select a count first.</source>
        <translation>请先选择一个盘点单。</translation>
    </message>
    <message>
        <source>The recount value is an amount in yuan, e.g. 50 or 12.50.</source>
        <translation>复盘金额阈值须为人民币金额，例如 50 或 12.50。</translation>
    </message>
    <message>
        <source>Count {count} made: {n} location(s) of {scope}.</source>
        <translation>已创建盘点单 {count}：{scope} 的 {n} 个库位。</translation>
    </message>
    <message>
        <source>{n} left out: they are in another count not approved yet.</source>
        <translation>{n} 个库位未纳入：它们在另一个尚未审批的盘点中。</translation>
    </message>
    <message>
        <source>{count} submitted: {n} line(s) with a variance.</source>
        <translation>{count} 已提交：{n} 行有差异。</translation>
    </message>
    <message>
        <source>Recount ordered for {locations}: someone who has not counted them counts them again.</source>
        <translation>已安排复盘 {locations}：由未盘过这些库位的人重新盘点。</translation>
    </message>
    <message>
        <source>It waits for approval ({key}).</source>
        <translation>等待审批（{key}）。</translation>
    </message>
    <message>
        <source>Open a count and select the lines of the locations to recount.</source>
        <translation>请打开盘点单，并选中要复盘的库位所在的行。</translation>
    </message>
    <message>
        <source>Approve {count}: why? Enter approves, Esc closes</source>
        <translation>审批 {count}：原因？回车审批，Esc 关闭</translation>
    </message>
    <message>
        <source>{count} approved ({reason}): {n} adjustment move(s), {units} unit(s) net.</source>
        <translation>{count} 已审批（{reason}）：{n} 笔库存调整，净 {units} 件。</translation>
    </message>
    <message>
        <source>Call {count} off? Nothing of it is booked and its locations are free for another count. Enter calls it off, Esc keeps it</source>
        <translation>取消盘点 {count}？不会做任何库存调整，其库位可纳入新的盘点。回车取消盘点，Esc 保留</translation>
    </message>
    <message>
        <source>{count} called off: nothing was booked.</source>
        <translation>{count} 已取消：未做任何库存调整。</translation>
    </message>
</context>
<context>
    <name>CountScreen</name>
    <message>
        <source>Stock count</source>
        <extracomment>the counted lines&apos; columns</extracomment>
        <translation>盘点</translation>
    </message>
    <message>
        <source>Scan the location, then every unit in it (or type a quantity, then the item) · F10: location done · Esc: back a step</source>
        <translation>先扫库位，再逐件扫描其中的商品（或先输入数量再扫商品）· F10：本库位盘完 · Esc：返回上一步</translation>
    </message>
    <message>
        <source>Scan here</source>
        <translation>在此扫描</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Lot</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Counted</source>
        <translation>已盘数量</translation>
    </message>
    <message>
        <source>Scan the count&apos;s code ({codes})</source>
        <translation>请扫描盘点单号（{codes}）</translation>
    </message>
    <message>
        <source>No stock count is open: a supervisor makes one</source>
        <translation>没有进行中的盘点：请主管创建盘点单</translation>
    </message>
    <message>
        <source>{count} · {location}: scan every unit</source>
        <translation>{count} · {location}：请逐件扫描</translation>
    </message>
    <message>
        <source>recount</source>
        <translation>复盘</translation>
    </message>
    <message>
        <source>next item × {qty}</source>
        <translation>下一件商品 × {qty}</translation>
    </message>
    <message>
        <source>lot {lot}</source>
        <translation>批次 {lot}</translation>
    </message>
    <message>
        <source>{count} ({scope}): scan a location</source>
        <translation>{count}（{scope}）：请扫描库位</translation>
    </message>
</context>
<context>
    <name>CountsTableModel</name>
    <message>
        <source>Count</source>
        <extracomment>the latest round&apos;s progress (None: the count has no location)</extracomment>
        <translation>盘点单</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>范围</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Counted</source>
        <translation>已盘库位</translation>
    </message>
    <message>
        <source>Made by</source>
        <translation>制单人</translation>
    </message>
    <message>
        <source>Made</source>
        <translation>制单时间</translation>
    </message>
    <message>
        <source>Approved by {name}</source>
        <translation>审批人 {name}</translation>
    </message>
</context>
<context>
    <name>CreatePanel</name>
    <message>
        <source>Zone</source>
        <extracomment>The scopes a count is made of: (key, words, what to type).</extracomment>
        <translation>库区</translation>
    </message>
    <message>
        <source>Location range</source>
        <translation>库位区间</translation>
    </message>
    <message>
        <source>SKUs</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>ABC class</source>
        <translation>ABC 分类</translation>
    </message>
    <message>
        <source>Not counted for N days</source>
        <translation>N 天未盘点</translation>
    </message>
    <message>
        <source>Full warehouse</source>
        <translation>全仓</translation>
    </message>
    <message>
        <source>New stock count: what to count — Enter makes it, Esc closes</source>
        <translation>新建盘点：盘点什么 — 回车创建，Esc 关闭</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>盘点</translation>
    </message>
    <message>
        <source>Which</source>
        <translation>哪些</translation>
    </message>
    <message>
        <source>Recount beyond (units)</source>
        <translation>差异超过（件）需复盘</translation>
    </message>
    <message>
        <source>or ¥</source>
        <translation>或金额 ¥</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>可选</translation>
    </message>
    <message>
        <source>Make the count (Enter)</source>
        <translation>创建盘点（回车）</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>关闭（Esc）</translation>
    </message>
    <message>
        <source>e.g. {example}</source>
        <translation>例如 {example}</translation>
    </message>
</context>
<context>
    <name>CreateWavePanel</name>
    <message>
        <source>Max. orders</source>
        <extracomment>How many unallocated orders the result message names (the rest are counted).</extracomment>
        <translation>最多订单数</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Carrier</source>
        <translation>快递公司</translation>
    </message>
    <message>
        <source>Zone</source>
        <translation>库区</translation>
    </message>
    <message>
        <source>any</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>Create wave</source>
        <translation>生成波次</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>DeviceSettingsPanel</name>
    <message>
        <source>the label printer needs an address, port, device or queue</source>
        <translation>标签打印机需要填写地址、端口、设备或队列</translation>
    </message>
    <message>
        <source>the document printer needs a CUPS queue</source>
        <translation>文档打印机需要填写 CUPS 队列</translation>
    </message>
    <message>
        <source>the scale needs a serial port</source>
        <translation>电子秤需要填写串口</translation>
    </message>
    <message>
        <source>the serial scanner needs a port</source>
        <translation>串口扫描枪需要填写端口</translation>
    </message>
    <message>
        <source>e.g. 192.168.1.50 or 192.168.1.50:9100</source>
        <translation>例如 192.168.1.50 或 192.168.1.50:9100</translation>
    </message>
    <message>
        <source>e.g. /dev/ttyUSB0 or COM3</source>
        <translation>例如 /dev/ttyUSB0 或 COM3</translation>
    </message>
    <message>
        <source>e.g. /dev/usb/lp0</source>
        <translation>例如 /dev/usb/lp0</translation>
    </message>
    <message>
        <source>the CUPS queue name</source>
        <translation>CUPS 队列名称</translation>
    </message>
    <message>
        <source>Found {ports} serial port(s) and {queues} CUPS queue(s).</source>
        <translation>找到 {ports} 个串口和 {queues} 个 CUPS 队列。</translation>
    </message>
    <message>
        <source>Not applied: {what}.</source>
        <translation>未应用：{what}。</translation>
    </message>
    <message>
        <source>Device settings saved; devices reconnected.</source>
        <translation>设备设置已保存；设备已重新连接。</translation>
    </message>
    <message>
        <source>No scale is set up.</source>
        <translation>未设置电子秤。</translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation>读取中…</translation>
    </message>
    <message>
        <source>Overload: take the parcel off</source>
        <translation>超载：请把包裹拿下来</translation>
    </message>
    <message>
        <source>{g} g, steady</source>
        <translation>{g} g，已稳定</translation>
    </message>
    <message>
        <source>{g} g, settling</source>
        <translation>{g} g，未稳定</translation>
    </message>
    <message>
        <source>Scan a code now…</source>
        <translation>请现在扫一个条码…</translation>
    </message>
    <message>
        <source>Printers</source>
        <translation>打印机</translation>
    </message>
    <message>
        <source>Label printer</source>
        <translation>标签打印机</translation>
    </message>
    <message>
        <source>Printer language</source>
        <translation>打印机语言</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>连接方式</translation>
    </message>
    <message>
        <source>Label size</source>
        <translation>标签尺寸</translation>
    </message>
    <message>
        <source>Document printer</source>
        <translation>文档打印机</translation>
    </message>
    <message>
        <source>CUPS queue</source>
        <translation>CUPS 队列</translation>
    </message>
    <message>
        <source>Scale</source>
        <translation>电子秤</translation>
    </message>
    <message>
        <source>Protocol</source>
        <translation>协议</translation>
    </message>
    <message>
        <source>Serial port</source>
        <translation>串口</translation>
    </message>
    <message>
        <source>Without a scale</source>
        <translation>无电子秤时</translation>
    </message>
    <message>
        <source>Scanners</source>
        <translation>扫描枪</translation>
    </message>
    <message>
        <source>Serial scanner</source>
        <translation>串口扫描枪</translation>
    </message>
    <message>
        <source>Keyboard scanner: max gap</source>
        <translation>键盘模式扫描枪：最大按键间隔</translation>
    </message>
    <message>
        <source>Shortest code</source>
        <translation>最短条码长度</translation>
    </message>
    <message>
        <source>Same code again within</source>
        <translation>重复扫码忽略时间</translation>
    </message>
    <message>
        <source>Scanner prefix</source>
        <translation>扫描枪前缀</translation>
    </message>
    <message>
        <source>Scanner suffix</source>
        <translation>扫描枪后缀</translation>
    </message>
    <message>
        <source>Automatic (simulated in the demo)</source>
        <translation>自动（演示中为模拟）</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Simulated</source>
        <translation>模拟</translation>
    </message>
    <message>
        <source>Network (TCP 9100)</source>
        <translation>网络（TCP 9100）</translation>
    </message>
    <message>
        <source>USB (device file)</source>
        <translation>USB（设备文件）</translation>
    </message>
    <message>
        <source>Mettler-Toledo MT-SICS</source>
        <translation>梅特勒-托利多 MT-SICS</translation>
    </message>
    <message>
        <source>Continuous output (ST,GS,…)</source>
        <translation>连续输出（ST,GS,…）</translation>
    </message>
    <message>
        <source>CAS 22-byte</source>
        <translation>CAS 22 字节</translation>
    </message>
    <message>
        <source>Block packing</source>
        <translation>禁止打包</translation>
    </message>
    <message>
        <source>Allow, with a warning recorded</source>
        <translation>允许打包，并记录警告</translation>
    </message>
    <message>
        <source>Print test label (Ctrl+T)</source>
        <translation>打印测试标签（Ctrl+T）</translation>
    </message>
    <message>
        <source>Read weight (Ctrl+G)</source>
        <translation>读取重量（Ctrl+G）</translation>
    </message>
    <message>
        <source>Scan test (Ctrl+K)</source>
        <translation>扫描测试（Ctrl+K）</translation>
    </message>
    <message>
        <source>Apply device settings (Ctrl+Enter)</source>
        <translation>应用设备设置（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>Find ports and queues (F5)</source>
        <translation>查找端口和队列（F5）</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
</context>
<context>
    <name>Devices</name>
    <message>
        <source>Test label queued as job #{job}; sending…</source>
        <translation>测试标签已加入队列（打印任务 #{job}）；正在发送…</translation>
    </message>
    <message>
        <source>Printer: ready</source>
        <translation>打印机：就绪</translation>
    </message>
    <message>
        <source>{n} label(s) sent to the printer.</source>
        <translation>已向打印机发送 {n} 张标签。</translation>
    </message>
    <message>
        <source>Printer: connected (no status)</source>
        <translation>打印机：已连接（无状态）</translation>
    </message>
    <message>
        <source>This connection cannot report the printer&apos;s status.</source>
        <translation>此连接方式无法读取打印机状态。</translation>
    </message>
    <message>
        <source>Printer: {reason}</source>
        <translation>打印机：{reason}</translation>
    </message>
    <message>
        <source>Printer: not found</source>
        <translation>打印机：未找到</translation>
    </message>
    <message>
        <source>Printer: no answer</source>
        <translation>打印机：无响应</translation>
    </message>
    <message>
        <source>Printer: error</source>
        <translation>打印机：故障</translation>
    </message>
    <message>
        <source>Scale: not found</source>
        <translation>电子秤：未找到</translation>
    </message>
    <message>
        <source>Scale: no answer</source>
        <translation>电子秤：无响应</translation>
    </message>
    <message>
        <source>Scale: error</source>
        <translation>电子秤：故障</translation>
    </message>
    <message>
        <source>Scanner: connecting</source>
        <translation>扫描枪：正在连接</translation>
    </message>
    <message>
        <source>Scanner: not set up</source>
        <translation>扫描枪：未设置</translation>
    </message>
    <message>
        <source>Scanner: keyboard</source>
        <translation>扫描枪：键盘模式</translation>
    </message>
    <message>
        <source>USB scanners in keyboard mode</source>
        <translation>键盘模式的 USB 扫描枪</translation>
    </message>
    <message>
        <source>Printer: checking</source>
        <translation>打印机：正在检查</translation>
    </message>
    <message>
        <source>Printer: not set up</source>
        <translation>打印机：未设置</translation>
    </message>
    <message>
        <source>Printer: none</source>
        <translation>打印机：无</translation>
    </message>
    <message>
        <source>No label printer is set up.</source>
        <translation>未设置标签打印机。</translation>
    </message>
    <message>
        <source>Scale: connecting</source>
        <translation>电子秤：正在连接</translation>
    </message>
    <message>
        <source>Scale: not set up</source>
        <translation>电子秤：未设置</translation>
    </message>
    <message>
        <source>Scale: none</source>
        <translation>电子秤：无</translation>
    </message>
    <message>
        <source>No scale is set up.</source>
        <translation>未设置电子秤。</translation>
    </message>
    <message>
        <source>Scanner: connected</source>
        <translation>扫描枪：已连接</translation>
    </message>
    <message>
        <source>Scanner: unplugged</source>
        <translation>扫描枪：已拔出</translation>
    </message>
    <message>
        <source>{sentence} Keyboard scanners still work.</source>
        <translation>{sentence}键盘模式的扫描枪仍可使用。</translation>
    </message>
    <message>
        <source>Scale: overload</source>
        <translation>电子秤：超载</translation>
    </message>
    <message>
        <source>The scale is overloaded: take the parcel off.</source>
        <translation>电子秤超载：请把包裹拿下来。</translation>
    </message>
    <message>
        <source>Scale: {g} g</source>
        <translation>电子秤：{g} g</translation>
    </message>
    <message>
        <source>Scale: {g} g, settling</source>
        <translation>电子秤：{g} g，未稳定</translation>
    </message>
    <message>
        <source>The weight is not steady yet.</source>
        <translation>重量尚未稳定。</translation>
    </message>
</context>
<context>
    <name>Error</name>
    <message>
        <source>Something went wrong: {message}. The details are in the log file {path}.</source>
        <translation>出错了：{message}。详细信息已写入日志文件 {path}。</translation>
    </message>
    <message>
        <source>Packdesk</source>
        <translation>Packdesk</translation>
    </message>
    <message>
        <source>The database could not be opened: {message}. Check the address and that the database server is running; the details are in the log file {path}.</source>
        <translation>无法打开数据库：{message}。请检查数据库地址以及数据库服务器是否在运行；详细信息见日志文件 {path}。</translation>
    </message>
</context>
<context>
    <name>ExceptionsScreen</name>
    <message>
        <source>Back to review</source>
        <translation>退回审单</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>人工通过</translation>
    </message>
    <message>
        <source>Hold</source>
        <translation>挂起</translation>
    </message>
    <message>
        <source>Cancel order</source>
        <translation>取消订单</translation>
    </message>
    <message>
        <source>Exceptions</source>
        <translation>异常订单</translation>
    </message>
    <message>
        <source>Orders that failed review. Select orders (Shift+arrows for several), then choose: F6 back to review · F7 approve · F8 hold · F9 cancel. Enter: order details · F5: refresh</source>
        <translation>未通过审单的订单。选中订单（Shift+方向键可多选），然后选择：F6 退回审单 · F7 人工通过 · F8 挂起 · F9 取消。Enter：订单详情 · F5：刷新</translation>
    </message>
    <message>
        <source>Only a supervisor can decide on exceptions.</source>
        <translation>只有主管可以处理异常订单。</translation>
    </message>
    <message>
        <source>Why this order is an exception</source>
        <translation>该订单转异常的原因</translation>
    </message>
    <message>
        <source>No exception orders. Nothing needs a decision.</source>
        <translation>没有异常订单，无需处理。</translation>
    </message>
    <message>
        <source>{shown} exception orders shown</source>
        <translation>已显示 {shown} 个异常订单</translation>
    </message>
    <message>
        <source>scroll down for more</source>
        <translation>向下滚动查看更多</translation>
    </message>
    <message>
        <source>Order {order_no}:</source>
        <translation>订单 {order_no}：</translation>
    </message>
    <message>
        <source>Select one or more orders first.</source>
        <translation>请先选中一个或多个订单。</translation>
    </message>
    <message>
        <source>Cancel orders</source>
        <translation>取消订单</translation>
    </message>
    <message>
        <source>Cancel {n} order(s)? A cancelled order is never shipped.</source>
        <translation>确定取消 {n} 个订单？已取消的订单不会发货。</translation>
    </message>
    <message>
        <source>Sent back to review: {n} order(s).</source>
        <translation>已退回审单：{n} 个订单。</translation>
    </message>
    <message>
        <source>Approved: {n} order(s).</source>
        <translation>已人工通过：{n} 个订单。</translation>
    </message>
    <message>
        <source>Put on hold: {n} order(s).</source>
        <translation>已挂起：{n} 个订单。</translation>
    </message>
    <message>
        <source>Cancelled: {n} order(s).</source>
        <translation>已取消：{n} 个订单。</translation>
    </message>
</context>
<context>
    <name>FollowUpModel</name>
    <message>
        <source>Order</source>
        <extracomment>How many hours a parcel may go without an update, and how many days a delivery unconfirmed.</extracomment>
        <translation>订单</translation>
    </message>
    <message>
        <source>Shop</source>
        <translation>店铺</translation>
    </message>
    <message>
        <source>Parcel</source>
        <translation>包裹</translation>
    </message>
    <message>
        <source>Carrier</source>
        <translation>快递公司</translation>
    </message>
    <message>
        <source>Tracking number</source>
        <translation>运单号</translation>
    </message>
    <message>
        <source>Last status</source>
        <translation>最新状态</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>起始时间</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>已过时间</translation>
    </message>
    <message>
        <source>no update yet</source>
        <translation>暂无更新</translation>
    </message>
    <message>
        <source>picked up</source>
        <translation>已揽收</translation>
    </message>
    <message>
        <source>in transit</source>
        <translation>运输中</translation>
    </message>
    <message>
        <source>out for delivery</source>
        <translation>派送中</translation>
    </message>
    <message>
        <source>delivered</source>
        <translation>已签收</translation>
    </message>
    <message>
        <source>problem</source>
        <translation>问题件</translation>
    </message>
    <message>
        <source>returned</source>
        <translation>已退回</translation>
    </message>
    <message>
        <source>{hours} h</source>
        <translation>{hours} 小时</translation>
    </message>
    <message>
        <source>{days} d {hours} h</source>
        <translation>{days} 天 {hours} 小时</translation>
    </message>
</context>
<context>
    <name>FollowUpScreen</name>
    <message>
        <source>Follow-up</source>
        <extracomment>the unconfirmed orders the list showed: a refresh completes only these</extracomment>
        <translation>跟进</translation>
    </message>
    <message>
        <source>Parcels the carrier has said nothing about for {hours} hours, and delivered orders nobody confirmed after {days} days, oldest first. Tab: the other list · Enter: order details · {complete}: complete the selected unconfirmed orders · {refresh}: refresh (also completes what was shown, {after} days after delivery)</source>
        <translation>{hours} 小时没有物流更新的包裹，以及签收 {days} 天后仍未确认收货的订单，最早的在前。Tab：切换列表 · Enter：订单详情 · {complete}：完成所选未确认订单 · {refresh}：刷新（同时完成已显示且签收满 {after} 天的订单）</translation>
    </message>
    <message>
        <source>Complete selected orders ({key})</source>
        <translation>完成所选订单（{key}）</translation>
    </message>
    <message>
        <source>Only a supervisor can complete orders.</source>
        <translation>只有主管可以完成订单。</translation>
    </message>
    <message>
        <source>No tracking update for {hours} hours: {n} parcels</source>
        <translation>{hours} 小时无物流更新：{n} 个包裹</translation>
    </message>
    <message>
        <source>Delivered, not confirmed after {days} days: {n} parcels</source>
        <translation>签收 {days} 天后仍未确认收货：{n} 个包裹</translation>
    </message>
    <message>
        <source>Select one or more orders in the second list first.</source>
        <translation>请先在第二个列表中选择一个或多个订单。</translation>
    </message>
</context>
<context>
    <name>HandoverScreen</name>
    <message>
        <source>Handover to the carrier</source>
        <extracomment>the parcels packed and still at the dock (overdue ones in red)</extracomment>
        <translation>快递交接（揽收）</translation>
    </message>
    <message>
        <source>Scan the carrier (SF, ZTO …) or a batch&apos;s code, then every parcel the courier takes · F10: close the batch and save the manifest · F11: save it again · Esc: leave the batch open</source>
        <translation>扫描快递公司（SF、ZTO……）或批次号，再逐个扫描快递员收走的包裹 · F10：关闭批次并保存交接单 · F11：重新保存 · Esc：保持批次未关闭</translation>
    </message>
    <message>
        <source>Scan here</source>
        <translation>在此扫描</translation>
    </message>
    <message>
        <source>No packed parcel is waiting for a courier.</source>
        <translation>没有等待快递揽收的已打包包裹。</translation>
    </message>
    <message>
        <source>Waiting for a courier: {n} parcel(s), {late} overdue · the oldest: {carrier} {number} (order {order}), packed {hours} h ago</source>
        <translation>等待揽收：{n} 个包裹，{late} 个超时 · 最早的：{carrier} {number}（订单 {order}），{hours} 小时前打包</translation>
    </message>
    <message>
        <source>Saving the manifest…</source>
        <translation>正在保存交接单……</translation>
    </message>
    <message>
        <source>Scan the next parcel</source>
        <translation>请扫描下一个包裹</translation>
    </message>
    <message>
        <source>Scan the carrier to start a batch</source>
        <translation>扫描快递公司开始新批次</translation>
    </message>
    <message>
        <source>Last manifest: {path}</source>
        <translation>最近的交接单：{path}</translation>
    </message>
    <message>
        <source>Batch {batch} · {carrier}</source>
        <translation>批次 {batch} · {carrier}</translation>
    </message>
    <message>
        <source>parcels in this batch</source>
        <translation>本批次包裹数</translation>
    </message>
    <message>
        <source>{number} · order {order}, parcel {n}</source>
        <translation>{number} · 订单 {order}，第 {n} 个包裹</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>SKUs (the product catalogue)</source>
        <translation>SKU（商品资料）</translation>
    </message>
    <message>
        <source>Stock receipt (goods received into lots)</source>
        <translation>入库单（按批次入库）</translation>
    </message>
    <message>
        <source>Orders (from the shops)</source>
        <translation>订单（来自店铺）</translation>
    </message>
    <message>
        <source>Import a file</source>
        <translation>导入文件</translation>
    </message>
    <message>
        <source>What is in the file</source>
        <translation>文件内容</translation>
    </message>
    <message>
        <source>File (CSV or XLSX)</source>
        <translation>文件（CSV 或 XLSX）</translation>
    </message>
    <message>
        <source>Path of the file</source>
        <translation>文件路径</translation>
    </message>
    <message>
        <source>Choose file…</source>
        <translation>选择文件…</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>The first row names the columns. Needed: {columns}.</source>
        <translation>第一行为列名。必需列：{columns}。</translation>
    </message>
    <message>
        <source>Choose the file to import</source>
        <translation>选择要导入的文件</translation>
    </message>
    <message>
        <source>Spreadsheets (*.csv *.xlsx);;All files (*)</source>
        <translation>表格文件 (*.csv *.xlsx);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Choose a file first.</source>
        <translation>请先选择文件。</translation>
    </message>
    <message>
        <source>Importing {file}…</source>
        <translation>正在导入 {file}…</translation>
    </message>
    <message>
        <source>Import finished: {imported} imported, {skipped} already there.</source>
        <translation>导入完成：导入 {imported} 条，已存在 {skipped} 条。</translation>
    </message>
    <message>
        <source>{changed} changed by the platform (updated, cancelled, or blocked at the pack station until a supervisor confirms).</source>
        <translation>{changed} 个订单被平台修改（已更新、已取消，或在打包台拦下等待主管确认）。</translation>
    </message>
    <message>
        <source>Nothing was imported. Fix the rows below and import the file again.</source>
        <translation>未导入任何数据。请修正下列行后重新导入该文件。</translation>
    </message>
    <message>
        <source>whole file</source>
        <translation>整个文件</translation>
    </message>
    <message>
        <source>The import is still running; wait until it has finished.</source>
        <translation>导入仍在进行中；请等待完成。</translation>
    </message>
</context>
<context>
    <name>LabelDesk</name>
    <message>
        <source>Waybills</source>
        <translation>面单</translation>
    </message>
    <message>
        <source>Packing slips</source>
        <translation>包裹清单</translation>
    </message>
    <message>
        <source>SKU labels</source>
        <translation>SKU 标签</translation>
    </message>
    <message>
        <source>Location labels</source>
        <translation>库位标签</translation>
    </message>
    <message>
        <source>Lot labels</source>
        <translation>批次标签</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>location</source>
        <translation>库位</translation>
    </message>
    <message>
        <source>lot</source>
        <translation>批次</translation>
    </message>
</context>
<context>
    <name>LabelDeskScreen</name>
    <message>
        <source>Labels</source>
        <translation>打单</translation>
    </message>
    <message>
        <source>Scan, or type and press Enter · Space: check a label · Del: remove · Alt+1…5: kind · F6: preview · Ctrl+P: print · Ctrl+S: save as file · Ctrl+H: history · F5: refresh it</source>
        <translation>扫描，或输入后按回车 · 空格：勾选标签 · Del：移除 · Alt+1…5：单据类型 · F6：预览 · Ctrl+P：打印 · Ctrl+S：另存为文件 · Ctrl+H：打印记录 · F5：刷新记录</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>打印</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>尺寸</translation>
    </message>
    <message>
        <source>Copies</source>
        <translation>份数</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <source>Check all</source>
        <translation>全选</translation>
    </message>
    <message>
        <source>Check none</source>
        <translation>全不选</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>Preview (F6)</source>
        <translation>预览 (F6)</translation>
    </message>
    <message>
        <source>Print (Ctrl+P)</source>
        <translation>打印 (Ctrl+P)</translation>
    </message>
    <message>
        <source>Save as file…</source>
        <translation>另存为文件…</translation>
    </message>
    <message>
        <source>Print history (Ctrl+H)</source>
        <translation>打印记录 (Ctrl+H)</translation>
    </message>
    <message>
        <source>Press F6 to see the first document as it prints.</source>
        <translation>按 F6 查看第一张单据的实际打印效果。</translation>
    </message>
    <message>
        <source>Scan or type an order no. or a wave code</source>
        <translation>扫描或输入订单号或波次号</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Type the start of a code (empty: all) and press Enter, or scan</source>
        <translation>输入编码开头（留空：全部）后按回车，或直接扫描</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>PDF · document printer</source>
        <translation>PDF · 文档打印机</translation>
    </message>
    <message>
        <source>{language} · label printer</source>
        <translation>{language} · 标签打印机</translation>
    </message>
    <message>
        <source>{language} · file only (no label printer)</source>
        <translation>{language} · 仅存文件（无标签打印机）</translation>
    </message>
    <message>
        <source>Wave {wave}: {n} of its {m} orders added; {total} chosen.</source>
        <translation>波次 {wave}：已添加其 {m} 个订单中的 {n} 个；共选 {total} 个。</translation>
    </message>
    <message>
        <source>Order {order} added; {total} chosen.</source>
        <translation>已添加订单 {order}；共选 {total} 个。</translation>
    </message>
    <message>
        <source>Order {order} is already chosen.</source>
        <translation>订单 {order} 已在列表中。</translation>
    </message>
    <message>
        <source>No {what} starts with {prefix}.</source>
        <translation>没有以 {prefix} 开头的{what}。</translation>
    </message>
    <message>
        <source>{code} is not a known {what}; nothing added.</source>
        <translation>{code} 不是已知的{what}，未添加。</translation>
    </message>
    <message>
        <source>{code} checked; {n} label(s) chosen.</source>
        <translation>已勾选 {code}；共选 {n} 个标签。</translation>
    </message>
    <message>
        <source>{n} order(s) chosen</source>
        <translation>已选 {n} 个订单</translation>
    </message>
    <message>
        <source>{checked} of {n} checked: {labels} label(s)</source>
        <translation>已勾选 {checked} / {n}：共 {labels} 张标签</translation>
    </message>
    <message>
        <source>Page 1 of {what} as it prints · {format} {size}</source>
        <translation>{what} 第 1 页，即实际打印效果 · {format} {size}</translation>
    </message>
    <message>
        <source>Scan or type an order no. or a wave code first.</source>
        <translation>请先扫描或输入订单号或波次号。</translation>
    </message>
    <message>
        <source>Check the labels to print first (Space checks a row).</source>
        <translation>请先勾选要打印的标签（空格键勾选一行）。</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Label printer: {label} · Document printer: {document}</source>
        <translation>标签打印机：{label} · 文档打印机：{document}</translation>
    </message>
    <message>
        <source>No document printer is set up: save the PDF as a file (Ctrl+S), or choose a CUPS queue in Settings.</source>
        <translation>未设置文档打印机：请把 PDF 另存为文件 (Ctrl+S)，或在“设置”中选择 CUPS 队列。</translation>
    </message>
    <message>
        <source>No {language} label printer is set up: save the labels as a file (Ctrl+S), or choose a label printer in Settings.</source>
        <translation>未设置 {language} 标签打印机：请把标签另存为文件 (Ctrl+S)，或在“设置”中选择标签打印机。</translation>
    </message>
    <message>
        <source>Wait until the documents being rendered are done.</source>
        <translation>请等待正在生成的单据完成。</translation>
    </message>
    <message>
        <source>Rendering the preview…</source>
        <translation>正在生成预览…</translation>
    </message>
    <message>
        <source>Rendering {n} document(s) for printing…</source>
        <translation>正在生成 {n} 张待打印单据…</translation>
    </message>
    <message>
        <source>Rendering {n} document(s) for the file…</source>
        <translation>正在生成 {n} 张单据以存为文件…</translation>
    </message>
    <message>
        <source>Save as file</source>
        <translation>另存为文件</translation>
    </message>
    <message>
        <source>{format} files (*.{suffix})</source>
        <translation>{format} 文件 (*.{suffix})</translation>
    </message>
    <message>
        <source>{n} document(s) saved as {path}.</source>
        <translation>已将 {n} 张单据保存为 {path}。</translation>
    </message>
    <message>
        <source>saved</source>
        <translation>已保存</translation>
    </message>
    <message>
        <source>{n} document(s) sent to the document printer.</source>
        <translation>已将 {n} 张单据发送到文档打印机。</translation>
    </message>
    <message>
        <source>sent to the document printer</source>
        <translation>已发送到文档打印机</translation>
    </message>
    <message>
        <source>queued as job #{job}</source>
        <translation>已加入队列，任务号 #{job}</translation>
    </message>
    <message>
        <source>{n} label job(s) queued for the label printer (#{first}–#{last}).</source>
        <translation>已为标签打印机加入 {n} 个打印任务（#{first}–#{last}）。</translation>
    </message>
    <message>
        <source>No preview: {shown}</source>
        <translation>无法预览：{shown}</translation>
    </message>
    <message>
        <source>Nothing printed or saved: {n} of {total} document(s) refused. {shown}. Remove them (Del) or fix them, then try again.</source>
        <translation>未打印也未保存：{total} 张单据中有 {n} 张被拒绝。{shown}。请移除 (Del) 或处理后重试。</translation>
    </message>
</context>
<context>
    <name>LabelItemsModel</name>
    <message>
        <source>Code</source>
        <translation>编码</translation>
    </message>
    <message>
        <source>Name / zone</source>
        <translation>名称 / 库区</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>GTIN</source>
        <translation>GTIN</translation>
    </message>
    <message>
        <source>Expiry</source>
        <translation>到期日</translation>
    </message>
</context>
<context>
    <name>LedgerTableModel</name>
    <message>
        <source>receipt</source>
        <translation>入库</translation>
    </message>
    <message>
        <source>pick</source>
        <translation>拣货</translation>
    </message>
    <message>
        <source>put-away</source>
        <translation>上架</translation>
    </message>
    <message>
        <source>adjustment</source>
        <translation>库存调整</translation>
    </message>
    <message>
        <source>return</source>
        <translation>退货</translation>
    </message>
    <message>
        <source>quarantine</source>
        <translation>隔离</translation>
    </message>
    <message>
        <source>count</source>
        <translation>盘点</translation>
    </message>
    <message>
        <source>transfer</source>
        <translation>移库</translation>
    </message>
    <message>
        <source>SKU total</source>
        <translation>SKU 合计</translation>
    </message>
    <message>
        <source>Location total</source>
        <translation>库位合计</translation>
    </message>
    <message>
        <source>Lot code total</source>
        <translation>批次号合计</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Move</source>
        <translation>变动</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Lot</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>库位</translation>
    </message>
    <message>
        <source>Qty</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Lot balance</source>
        <translation>批次结存</translation>
    </message>
    <message>
        <source>By</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>Reason · reference</source>
        <translation>原因 · 单据</translation>
    </message>
</context>
<context>
    <name>LoginWindow</name>
    <message>
        <source>Packdesk — log in</source>
        <translation>Packdesk — 登录</translation>
    </message>
    <message>
        <source>Log in to Packdesk</source>
        <translation>登录 Packdesk</translation>
    </message>
    <message>
        <source>Scan your badge</source>
        <translation>扫描工牌</translation>
    </message>
    <message>
        <source>Scan or type the badge, then Enter</source>
        <translation>扫描或输入工牌码，然后按 Enter</translation>
    </message>
    <message>
        <source>Or log in with your name and PIN</source>
        <translation>或用姓名和 PIN 码登录</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN 码</translation>
    </message>
    <message>
        <source>4 to 12 digits, then Enter</source>
        <translation>4 到 12 位数字，然后按 Enter</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Demo users</source>
        <translation>演示用户</translation>
    </message>
    <message>
        <source>This is the demo warehouse. Scan or type a badge, or choose a user below and press Enter.</source>
        <translation>这是演示仓库。扫描或输入工牌码，或在下方选择一个用户并按 Enter。</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Badge</source>
        <translation>工牌</translation>
    </message>
    <message>
        <source>Scan your badge first.</source>
        <translation>请先扫描工牌。</translation>
    </message>
    <message>
        <source>Type your name, then your PIN.</source>
        <translation>请输入姓名，再输入 PIN 码。</translation>
    </message>
</context>
<context>
    <name>LotsTableModel</name>
    <message>
        <source>SKU</source>
        <extracomment>Role for the whole row (LotRow, LedgerRow or LowStockRow).</extracomment>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Lot</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>库位</translation>
    </message>
    <message>
        <source>On hand</source>
        <translation>在库</translation>
    </message>
    <message>
        <source>Allocated</source>
        <translation>已分配</translation>
    </message>
    <message>
        <source>Free</source>
        <translation>可用</translation>
    </message>
    <message>
        <source>Expiry</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <source>Quarantined</source>
        <translation>隔离</translation>
    </message>
    <message>
        <source>In quarantine: not free to promise</source>
        <translation>在隔离区：不可分配</translation>
    </message>
    <message>
        <source>Expired: not free to promise</source>
        <translation>已过期：不可分配</translation>
    </message>
    <message>
        <source>{lot}: received {date}</source>
        <translation>{lot}：{date} 入库</translation>
    </message>
    <message>
        <source>{date} expired</source>
        <translation>{date} 已过期</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
</context>
<context>
    <name>LowStockBanner</name>
    <message>
        <source>1 SKU is below its low-stock threshold</source>
        <extracomment>Application-wide (the main window&apos;s): the low-stock list from any screen. How often the count is read again although nothing here changed stock.</extracomment>
        <translation>1 个 SKU 低于补货阈值</translation>
    </message>
    <message>
        <source>{n} SKUs are below their low-stock threshold</source>
        <translation>{n} 个 SKU 低于补货阈值</translation>
    </message>
    <message>
        <source>{key}: the list</source>
        <translation>{key}：查看补货清单</translation>
    </message>
</context>
<context>
    <name>LowStockTableModel</name>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Free</source>
        <translation>可用</translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation>补货阈值</translation>
    </message>
    <message>
        <source>Picked in 30 days</source>
        <translation>近 30 天拣货</translation>
    </message>
    <message>
        <source>Days of cover</source>
        <translation>可售天数</translation>
    </message>
    <message>
        <source>Nothing was picked in 30 days: no rate to run out at</source>
        <translation>近 30 天没有拣货：无法估算何时售罄</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Orders</source>
        <extracomment>Screens only some roles see (the navigation hides them from the others). Screens only a station&apos;s database has (app.sync): hidden elsewhere. The number row is full: Sync (S) and Stock (T) take Shift with them (F12 is the simulated devices&apos;). Count review (盘点审核), C for count. The keys of the screens: the number row and the two keys after it in navigation order (as they were before Stock came), then Stock&apos;s, Count review&apos;s and Sync&apos;s.</extracomment>
        <translation>订单</translation>
    </message>
    <message>
        <source>Exceptions</source>
        <translation>异常订单</translation>
    </message>
    <message>
        <source>Pack</source>
        <translation>打包</translation>
    </message>
    <message>
        <source>Pick</source>
        <translation>拣货</translation>
    </message>
    <message>
        <source>Waves</source>
        <translation>波次</translation>
    </message>
    <message>
        <source>Stock</source>
        <translation>库存</translation>
    </message>
    <message>
        <source>Stock counts</source>
        <translation>盘点</translation>
    </message>
    <message>
        <source>Count review</source>
        <translation>盘点审核</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>打单</translation>
    </message>
    <message>
        <source>Bind tracking</source>
        <translation>绑定运单号</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>跟进</translation>
    </message>
    <message>
        <source>Put away</source>
        <translation>上架</translation>
    </message>
    <message>
        <source>Handover</source>
        <translation>快递交接</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <source>Packdesk — {user}</source>
        <translation>Packdesk — {user}</translation>
    </message>
    <message>
        <source>Log out ({key})</source>
        <translation>退出登录（{key}）</translation>
    </message>
    <message>
        <source>Log out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <source>{name} — {role}</source>
        <translation>{name} — {role}</translation>
    </message>
    <message>
        <source>Ctrl+1…= screens · {sync} sync · {key} log out</source>
        <translation>Ctrl+1…= 切换界面 · {sync} 同步 · {key} 退出登录</translation>
    </message>
    <message>
        <source>Ctrl+1…= screens · {key} log out</source>
        <translation>Ctrl+1…= 切换界面 · {key} 退出登录</translation>
    </message>
    <message>
        <source>Simulated devices</source>
        <translation>模拟设备</translation>
    </message>
    <message>
        <source>Simulated devices ({key})</source>
        <translation>模拟设备（{key}）</translation>
    </message>
    <message>
        <source>Scanned {code}: nothing on this screen takes a scan.</source>
        <translation>已扫描 {code}：当前界面不接收扫描。</translation>
    </message>
    <message>
        <source>Wait until the review or import has finished, then log out.</source>
        <translation>请等待审单或导入完成后再退出登录。</translation>
    </message>
    <message>
        <source>Logging out when the sync round has ended…</source>
        <translation>本轮同步结束后退出登录…</translation>
    </message>
    <message>
        <source>Wait until the review or import has finished, then close.</source>
        <translation>请等待审单或导入完成后再关闭。</translation>
    </message>
</context>
<context>
    <name>Message</name>
    <message>
        <source>order {order}: cannot go from &apos;{current}&apos; to &apos;{target}&apos;</source>
        <translation>订单 {order}：不能从“{current}”变为“{target}”</translation>
    </message>
    <message>
        <source>{user} ({role}) is not allowed to {action}; ask a supervisor or an admin</source>
        <translation>{user}（{role}）无权{action}；请找主管或管理员</translation>
    </message>
    <message>
        <source>Something went wrong: {message}. The details are in the log file {path}.</source>
        <extracomment>Anything that went wrong outside the warehouse&apos;s rules (the traceback is in the log).</extracomment>
        <translation>出错了：{message}。详细信息已写入日志文件 {path}。</translation>
    </message>
    <message>
        <source>new</source>
        <translation>新订单</translation>
    </message>
    <message>
        <source>reviewed</source>
        <translation>已审核</translation>
    </message>
    <message>
        <source>exception</source>
        <translation>异常</translation>
    </message>
    <message>
        <source>allocated</source>
        <translation>已分配</translation>
    </message>
    <message>
        <source>picking</source>
        <translation>拣货中</translation>
    </message>
    <message>
        <source>picked</source>
        <translation>已拣货</translation>
    </message>
    <message>
        <source>packing</source>
        <translation>打包中</translation>
    </message>
    <message>
        <source>packed</source>
        <translation>已打包</translation>
    </message>
    <message>
        <source>shipped</source>
        <translation>已发货</translation>
    </message>
    <message>
        <source>delivered</source>
        <translation>已签收</translation>
    </message>
    <message>
        <source>completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>on hold</source>
        <translation>已挂起</translation>
    </message>
    <message>
        <source>released</source>
        <translation>放行</translation>
    </message>
    <message>
        <source>open</source>
        <extracomment>A pick task&apos;s status (app.domain.waves.TaskStatus).</extracomment>
        <translation>待拣</translation>
    </message>
    <message>
        <source>short</source>
        <translation>缺货</translation>
    </message>
    <message>
        <source>being recounted</source>
        <extracomment>A stock count&apos;s status (app.domain.counts.CountStatus).</extracomment>
        <translation>复盘中</translation>
    </message>
    <message>
        <source>waiting for approval</source>
        <translation>待审批</translation>
    </message>
    <message>
        <source>approved</source>
        <translation>已审批</translation>
    </message>
    <message>
        <source>packer</source>
        <translation>打包员</translation>
    </message>
    <message>
        <source>supervisor</source>
        <translation>主管</translation>
    </message>
    <message>
        <source>label staff</source>
        <translation>打单员</translation>
    </message>
    <message>
        <source>administrator</source>
        <translation>管理员</translation>
    </message>
    <message>
        <source>import SKUs</source>
        <extracomment>app.domain.users.Action values → what the action is called in &quot;not allowed to …&quot;.</extracomment>
        <translation>导入 SKU</translation>
    </message>
    <message>
        <source>receive stock</source>
        <translation>入库</translation>
    </message>
    <message>
        <source>import orders</source>
        <translation>导入订单</translation>
    </message>
    <message>
        <source>review orders</source>
        <translation>审单</translation>
    </message>
    <message>
        <source>resolve order exceptions</source>
        <translation>处理异常订单</translation>
    </message>
    <message>
        <source>hold or cancel orders</source>
        <translation>挂起或取消订单</translation>
    </message>
    <message>
        <source>manage users</source>
        <translation>管理用户</translation>
    </message>
    <message>
        <source>view orders</source>
        <translation>查看订单</translation>
    </message>
    <message>
        <source>see buyers&apos; names, phones and addresses</source>
        <translation>查看买家姓名、电话和地址</translation>
    </message>
    <message>
        <source>build the demo warehouse</source>
        <translation>生成演示仓库</translation>
    </message>
    <message>
        <source>create pick waves</source>
        <translation>创建拣货波次</translation>
    </message>
    <message>
        <source>confirm a pick list as picked</source>
        <translation>确认拣货单已拣完</translation>
    </message>
    <message>
        <source>pick</source>
        <translation>拣货</translation>
    </message>
    <message>
        <source>reprint labels</source>
        <translation>补打标签</translation>
    </message>
    <message>
        <source>print waybills, packing slips and labels</source>
        <translation>打印面单、包裹清单和标签</translation>
    </message>
    <message>
        <source>bind tracking numbers</source>
        <translation>绑定运单号</translation>
    </message>
    <message>
        <source>change a bound tracking number</source>
        <translation>更换已绑定的运单号</translation>
    </message>
    <message>
        <source>manage carriers and waybill number pools</source>
        <translation>管理快递公司和面单号池</translation>
    </message>
    <message>
        <source>import tracking updates</source>
        <translation>导入物流状态</translation>
    </message>
    <message>
        <source>export shipped tracking numbers to the shops</source>
        <translation>导出发货运单号回传店铺</translation>
    </message>
    <message>
        <source>complete delivered orders</source>
        <translation>完成已签收订单</translation>
    </message>
    <message>
        <source>hand parcels over to the carrier</source>
        <translation>包裹交接给快递公司</translation>
    </message>
    <message>
        <source>set up stations</source>
        <translation>设置工作站</translation>
    </message>
    <message>
        <source>count stock</source>
        <translation>盘点库存</translation>
    </message>
    <message>
        <source>make, submit and approve stock counts</source>
        <translation>创建、提交和审批盘点</translation>
    </message>
    <message>
        <source>SKU {sku} ({name})</source>
        <translation>SKU {sku}（{name}）</translation>
    </message>
    <message>
        <source>SKU {sku}</source>
        <translation>SKU {sku}</translation>
    </message>
    <message>
        <source>gift {line}</source>
        <translation>赠品 {line}</translation>
    </message>
    <message>
        <source>SKU {sku} lot {lot}</source>
        <translation>SKU {sku} 批次 {lot}</translation>
    </message>
    <message>
        <source>item {code}</source>
        <translation>商品 {code}</translation>
    </message>
    <message>
        <source>order {order} was cancelled — stop packing: its items are put-away tasks now, put them on the put-away cart</source>
        <translation>订单 {order} 已取消 — 停止打包：这些商品已生成上架任务，请放到上架车上</translation>
    </message>
    <message>
        <source>order {order} is on hold — stop packing, put the items in the hold area and tell a supervisor</source>
        <translation>订单 {order} 已挂起 — 停止打包，把商品放到暂存区并告知主管</translation>
    </message>
    <message>
        <source>order {order} changed after picking (address or payment) — stop packing, put the items aside and ask a supervisor to review it again</source>
        <translation>订单 {order} 在拣货后有变更（地址或付款）— 停止打包，把商品放到一边，请主管重新审单</translation>
    </message>
    <message>
        <source>order {order} changed after picking: {changes} — stop packing, put the items aside and ask a supervisor to confirm the change</source>
        <translation>订单 {order} 拣货后被修改：{changes} — 停止打包，把商品放到一边，请主管确认修改</translation>
    </message>
    <message>
        <source>order {order} changed on the platform: {changes} — stop packing: it goes back to review, and its items are put-away tasks now, put them on the put-away cart</source>
        <translation>订单 {order} 在平台上被修改：{changes} — 停止打包：订单退回审核，这些商品已生成上架任务，请放到上架车上</translation>
    </message>
    <message>
        <source>order {order} is {status}, not waiting to be packed — put the items aside and ask a supervisor</source>
        <translation>订单 {order} 当前为{status}，不是待打包状态 — 请把商品放到一边并告知主管</translation>
    </message>
    <message>
        <source>order {order} is packed and every label checked — it waits for the courier&apos;s handover; put it with the parcels of its carrier</source>
        <translation>订单 {order} 已打包，面单已全部核对——等待快递揽收交接；请放到对应快递公司的包裹区</translation>
    </message>
    <message>
        <source>order {order} is {status} already — nothing to pack; put the items aside and ask a supervisor</source>
        <translation>订单 {order} 已是{status}状态 — 无需打包；请把商品放到一边并告知主管</translation>
    </message>
    <message>
        <source>order {order}: the lines changed while packing — stop packing, put the items aside and ask a supervisor to review the order</source>
        <translation>订单 {order}：打包过程中订单明细有变更 — 停止打包，把商品放到一边，请主管重新审核订单</translation>
    </message>
    <message>
        <source>order {order} has no lines — nothing to pack; ask a supervisor</source>
        <translation>订单 {order} 没有商品明细 — 无可打包；请告知主管</translation>
    </message>
    <message>
        <source>order {order} has no line {line}</source>
        <translation>订单 {order} 没有第 {line} 行</translation>
    </message>
    <message>
        <source>{code} is not an insert of order {order} (its inserts: {known}) — check the insert and confirm the right one</source>
        <translation>{code} 不是订单 {order} 的附件（本单附件：{known}）— 请核对附件，确认正确的那一个</translation>
    </message>
    <message>
        <source>quantity must be at least 1, not {qty} — type the number of units and scan again</source>
        <translation>数量至少为 1，不能是 {qty} — 请输入件数后再扫描</translation>
    </message>
    <message>
        <source>{what} belongs to order {other}, also open at this station — put it with order {other}, not in {order}</source>
        <translation>{what} 属于本打包台上同时打开的订单 {other} — 请放到订单 {other}，不要放进 {order}</translation>
    </message>
    <message>
        <source>wrong item: SKU {sku} is not in order {order} — put it back and scan an item of this order</source>
        <translation>商品错误：SKU {sku} 不在订单 {order} 中 — 请放回，并扫描本订单的商品</translation>
    </message>
    <message>
        <source>unknown barcode {code}: not on any SKU — scan another barcode on the item, or set it aside and ask a supervisor to add the barcode</source>
        <translation>未知条码 {code}：不属于任何 SKU — 请扫描商品上的其他条码，或放到一边请主管添加条码</translation>
    </message>
    <message>
        <source>wrong lot: SKU {sku} lot {lot} scanned, the picked lot is {picked} — put it back and take one from lot {picked}</source>
        <translation>批次错误：扫描的是 SKU {sku} 批次 {lot}，拣货批次是 {picked} — 请放回，换一件批次 {picked} 的商品</translation>
    </message>
    <message>
        <source>expired: {what} expires today — do not pack it; put it in quarantine and ask a supervisor for a unit from another lot</source>
        <translation>已过期：{what} 今天到期 — 不要打包；请放到隔离区，并请主管换一件其他批次的商品</translation>
    </message>
    <message>
        <source>expired: {what} expired on {date} — do not pack it; put it in quarantine and ask a supervisor for a unit from another lot</source>
        <translation>已过期：{what} 已于 {date} 过期 — 不要打包；请放到隔离区，并请主管换一件其他批次的商品</translation>
    </message>
    <message>
        <source>{line} is counted, not scanned one by one — type the quantity ({n} still needed), then scan it again</source>
        <translation>{line} 按数量清点，不逐件扫描 — 请输入数量（还需 {n} 件），然后再扫描一次</translation>
    </message>
    <message>
        <source>{line} is checked unit by unit — scan each item instead of typing a quantity ({n} still needed)</source>
        <translation>{line} 需逐件核验 — 请逐件扫描，不要输入数量（还需 {n} 件）</translation>
    </message>
    <message>
        <source>more than ordered: SKU {sku} needs {needed}, this would be {would} — put one back</source>
        <translation>超出订购数量：SKU {sku} 只需 {needed} 件，这样会变成 {would} 件 — 请放回一件</translation>
    </message>
    <message>
        <source>more than ordered: SKU {sku} needs {needed}, this would be {would} — put {extra} back</source>
        <translation>超出订购数量：SKU {sku} 只需 {needed} 件，这样会变成 {would} 件 — 请放回 {extra} 件</translation>
    </message>
    <message>
        <source>{line}: {n} of {qty} scanned</source>
        <translation>{line}：已扫描 {n} / {qty}</translation>
    </message>
    <message>
        <source>{line}: {n} of {qty} scanned — line complete</source>
        <translation>{line}：已扫描 {n} / {qty} — 本行完成</translation>
    </message>
    <message>
        <source>{line}: {n} of {qty} scanned — all items scanned</source>
        <translation>{line}：已扫描 {n} / {qty} — 全部商品已扫描</translation>
    </message>
    <message>
        <source>{line}: {n} of {qty} scanned — scan {missing} more</source>
        <translation>{line}：已扫描 {n} / {qty} — 还需扫描 {missing} 件</translation>
    </message>
    <message>
        <source>{line}: {n} of {qty} scanned — scan the gift too ({missing} more)</source>
        <translation>{line}：已扫描 {n} / {qty} — 赠品也要扫描（还需 {missing} 件）</translation>
    </message>
    <message>
        <source>insert {code} ({name}) not confirmed — put it in the parcel and confirm it</source>
        <translation>附件 {code}（{name}）未确认 — 请放进包裹并确认</translation>
    </message>
    <message>
        <source>damage check not confirmed — look the items over for damage and confirm</source>
        <translation>未确认破损检查 — 请检查商品有无破损并确认</translation>
    </message>
    <message>
        <source>order {order} cannot be closed yet: {reasons}</source>
        <translation>订单 {order} 还不能封箱：{reasons}</translation>
    </message>
    <message>
        <source>nothing to undo: no scan is counted</source>
        <translation>无可撤销：还没有计数的扫描</translation>
    </message>
    <message>
        <source>the last scan ({line}) was made by {by}, not {me} — ask {by} or a supervisor to undo it</source>
        <translation>最后一次扫描（{line}）是 {by} 做的，不是 {me} — 请找 {by} 或主管撤销</translation>
    </message>
    <message>
        <source>order {order}: only the last scan still counted can be undone, not scan {seq}</source>
        <translation>订单 {order}：只能撤销最后一次仍计数的扫描，不能撤销第 {seq} 次扫描</translation>
    </message>
    <message>
        <source>the last scan ({line}) went into parcel {parcel}, which is closed — ask a supervisor to reopen it</source>
        <translation>最后一次扫描（{line}）已装入已封箱的包裹 {parcel} — 请主管重新打开</translation>
    </message>
    <message>
        <source>the last scan ({line}) cannot be undone: a unit of it was already swapped out as damaged — take out the units by hand and ask a supervisor</source>
        <translation>最后一次扫描（{line}）无法撤销：其中一件已作为破损换出 — 请手工取出商品并告知主管</translation>
    </message>
    <message>
        <source>no unit of {line} is in the open parcel {parcel} — nothing to swap out; scan the damaged item&apos;s line in this parcel</source>
        <translation>当前包裹 {parcel} 中没有 {line} — 无可取出的商品；请扫描本包裹中破损商品所属的那一行商品</translation>
    </message>
    <message>
        <source>{what} is not in order {order} — scan the damaged item itself (an item of this order, in the open parcel)</source>
        <translation>{what} 不在订单 {order} 中 — 请扫描破损商品本身（本订单中、当前包裹里的商品）</translation>
    </message>
    <message>
        <source>every item of order {order} is scanned — nothing is left for parcel {parcel}; close the order instead</source>
        <translation>订单 {order} 的商品已全部扫描 — 包裹 {parcel} 无商品可装；请直接封箱完成订单</translation>
    </message>
    <message>
        <source>parcel {parcel} of order {order} is empty — scan items into it first</source>
        <translation>订单 {order} 的包裹 {parcel} 是空的 — 请先扫描商品装入</translation>
    </message>
    <message>
        <source>order {order} has no parcel {parcel}</source>
        <translation>订单 {order} 没有包裹 {parcel}</translation>
    </message>
    <message>
        <source>order {order}: parcel {parcel} is not the open parcel ({open}) — ask a supervisor</source>
        <translation>订单 {order}：包裹 {parcel} 不是当前打开的包裹（{open}）— 请告知主管</translation>
    </message>
    <message>
        <source>order {order}: scan {seq} would make {line} more than ordered — ask a supervisor</source>
        <translation>订单 {order}：第 {seq} 次扫描会使 {line} 超出订购数量 — 请告知主管</translation>
    </message>
    <message>
        <source>order {order}: event {seq} differs from the one already recorded under that number — ask a supervisor</source>
        <translation>订单 {order}：第 {seq} 条记录与已记录的同号记录不一致 — 请告知主管</translation>
    </message>
    <message>
        <source>order {order}: event {first} is missing, so the packing cannot be restored — ask a supervisor</source>
        <translation>订单 {order}：缺少第 {first} 条记录，无法恢复打包进度 — 请告知主管</translation>
    </message>
    <message>
        <source>order {order}: events {first} to {last} are missing, so the packing cannot be restored — ask a supervisor</source>
        <translation>订单 {order}：缺少第 {first} 至 {last} 条记录，无法恢复打包进度 — 请告知主管</translation>
    </message>
    <message>
        <source>parcel {parcel} of order {order} is closed — scan its waybill label, or ask a supervisor to reopen it</source>
        <translation>订单 {order} 的包裹 {parcel} 已封箱 — 请扫描它的面单，或请主管重新打开</translation>
    </message>
    <message>
        <source>weight OK: {measured} measured, {expected} expected ±{tolerance}</source>
        <translation>重量正确：实测 {measured}，预计 {expected} ±{tolerance}</translation>
    </message>
    <message>
        <source>too heavy: {measured} measured, {expected} expected ±{tolerance} ({difference} over) — look for an extra item or the wrong packaging, then weigh again</source>
        <translation>过重：实测 {measured}，预计 {expected} ±{tolerance}（超出 {difference}）— 检查是否多放了商品或用错包装，然后重新称重</translation>
    </message>
    <message>
        <source>too light: {measured} measured, {expected} expected ±{tolerance} ({difference} under) — look for a missing item, then weigh again</source>
        <translation>过轻：实测 {measured}，预计 {expected} ±{tolerance}（不足 {difference}）— 检查是否漏放商品，然后重新称重</translation>
    </message>
    <message>
        <source>parcel {parcel} has no box or bag yet — scan the packaging&apos;s code ({codes}), then weigh</source>
        <translation>包裹 {parcel} 还没有选纸箱或快递袋 — 请先扫描包装编码（{codes}），再称重</translation>
    </message>
    <message>
        <source>parcel {parcel} of order {order} is not weighed yet — put it on the scale (about {expected} expected)</source>
        <translation>订单 {order} 的包裹 {parcel} 还没有称重 — 请放到秤上（预计约 {expected}）</translation>
    </message>
    <message>
        <source>parcel {parcel} of order {order}: the weight was refused — find what is wrong and weigh it again, or ask a supervisor to accept it</source>
        <translation>订单 {order} 的包裹 {parcel}：重量校验未通过 — 请找出问题后重新称重，或请主管放行</translation>
    </message>
    <message>
        <source>parcel {parcel} of order {order} has not been weighed — weigh it first; an override accepts a refused weight</source>
        <translation>订单 {order} 的包裹 {parcel} 还没有称重 — 请先称重；主管放行只针对未通过的重量</translation>
    </message>
    <message>
        <source>the weight of parcel {parcel} is within tolerance already</source>
        <translation>包裹 {parcel} 的重量已在允许范围内</translation>
    </message>
    <message>
        <source>say why the weight is accepted (e.g. the SKU&apos;s weight is wrong)</source>
        <translation>请说明放行该重量的原因（例如 SKU 的重量资料有误）</translation>
    </message>
    <message>
        <source>the tare of {what} cannot be negative ({tare})</source>
        <translation>{what} 的皮重不能为负数（{tare}）</translation>
    </message>
    <message>
        <source>order {order} is packed already — scan the waybill label</source>
        <translation>订单 {order} 已打包 — 请扫描面单</translation>
    </message>
    <message>
        <source>order {order} cannot ship now</source>
        <translation>订单 {order} 现在不能发货</translation>
    </message>
    <message>
        <source>no parcel of order {order} is closed and waiting for its label — close parcel {parcel} first</source>
        <translation>订单 {order} 没有已封箱等待扫描面单的包裹 — 请先封箱包裹 {parcel}</translation>
    </message>
    <message>
        <source>parcel {parcel} of order {order} has no tracking number yet — print its waybill first, then scan the label</source>
        <translation>订单 {order} 的包裹 {parcel} 还没有运单号 — 请先打印面单，再扫描面单</translation>
    </message>
    <message>
        <source>this label belongs to order {other}, not {order} — take it off and stick on the label {number}</source>
        <translation>此面单属于订单 {other}，不是 {order} — 请撕下并贴上面单 {number}</translation>
    </message>
    <message>
        <source>{code} is parcel {other}&apos;s label, not parcel {parcel}&apos;s: parcel {parcel} of order {order} has {number} — stick on the right label and scan it</source>
        <translation>{code} 是包裹 {other} 的面单，不是包裹 {parcel} 的：订单 {order} 的包裹 {parcel} 的运单号是 {number} — 请贴上正确的面单再扫描</translation>
    </message>
    <message>
        <source>{code} is not this parcel&apos;s label: parcel {parcel} of order {order} has {number} — stick on the right label and scan it</source>
        <translation>{code} 不是这个包裹的面单：订单 {order} 的包裹 {parcel} 的运单号是 {number} — 请贴上正确的面单再扫描</translation>
    </message>
    <message>
        <source>the station has no name; set it in the station settings</source>
        <translation>打包台没有名称；请在本台设置中填写</translation>
    </message>
    <message>
        <source>nothing was scanned — scan the order number or the waybill label</source>
        <translation>没有扫描到内容 — 请扫描订单号或面单</translation>
    </message>
    <message>
        <source>order no {order} exists in several shops ({shops}) — scan the waybill label instead</source>
        <translation>订单号 {order} 在多个店铺中都有（{shops}）— 请改为扫描面单</translation>
    </message>
    <message>
        <source>no picked single-item order is waiting for SKU {sku} — scan the order number or the waybill label instead</source>
        <translation>没有等待 SKU {sku} 的已拣货单件单 — 请改为扫描订单号或面单</translation>
    </message>
    <message>
        <source>no order, waybill or item matches {code} — scan the order number or the waybill label</source>
        <translation>没有与 {code} 匹配的订单、面单或商品 — 请扫描订单号或面单</translation>
    </message>
    <message>
        <source>order {order} is being packed at station {station} by {packer} since {since} — pack another order, or ask a supervisor to release it</source>
        <translation>订单 {order} 自 {since} 起正在打包台 {station} 由 {packer} 打包 — 请打包其他订单，或请主管释放</translation>
    </message>
    <message>
        <source>order {order} was just opened at another station — pack another order</source>
        <translation>订单 {order} 刚在另一个打包台打开 — 请打包其他订单</translation>
    </message>
    <message>
        <source>order {order} is not open at station {station} — scan the order to open it</source>
        <translation>订单 {order} 没有在打包台 {station} 打开 — 请扫描订单号打开</translation>
    </message>
    <message>
        <source>order {order} is held by station {station} ({packer}), not {here} — if its items are here, put them aside and tell a supervisor</source>
        <translation>订单 {order} 由打包台 {station}（{packer}）占用，不是 {here} — 如果商品在这里，请放到一边并告知主管</translation>
    </message>
    <message>
        <source>order {order} is held by station {station} ({packer}) — only that station or a supervisor can release it</source>
        <translation>订单 {order} 由打包台 {station}（{packer}）占用 — 只有该打包台或主管可以释放</translation>
    </message>
    <message>
        <source>say why the other station&apos;s claim is released</source>
        <translation>请说明释放其他打包台占用的原因</translation>
    </message>
    <message>
        <source>order {order}: another action was recorded at the same moment — scan the order again to see where it stands</source>
        <translation>订单 {order}：同一时刻已记录了另一个操作 — 请重新扫描订单查看当前进度</translation>
    </message>
    <message>
        <source>wave {wave} has no slots (a single-item wave): scan the item or the order number</source>
        <translation>波次 {wave} 没有格口（单件单波次）：请扫描商品或订单号</translation>
    </message>
    <message>
        <source>wave {wave} has no slot {slot}; its slots are {first} to {last}</source>
        <translation>波次 {wave} 没有格口 {slot}；格口为 {first} 至 {last}</translation>
    </message>
    <message>
        <source>pick task {task} not found</source>
        <translation>找不到拣货任务 {task}</translation>
    </message>
    <message>
        <source>pick task {task}: its lot, wave or order no longer exists — scan the wave again</source>
        <translation>拣货任务 {task}：其批次、波次或订单已不存在 — 请重新扫描波次</translation>
    </message>
    <message>
        <source>this task is already {status}; go to the next one</source>
        <translation>该任务已是 {status} 状态；请做下一个任务</translation>
    </message>
    <message>
        <source>wrong location: you scanned {scanned}; go to {location}</source>
        <translation>库位错误：扫描的是 {scanned}；请到 {location}</translation>
    </message>
    <message>
        <source>unknown barcode {code}: not on any SKU</source>
        <translation>未知条码 {code}：不属于任何 SKU</translation>
    </message>
    <message>
        <source>wrong item: you scanned {sku} ({name}); this task is {want}</source>
        <translation>商品错误：扫描的是 {sku}（{name}）；本任务是 {want}</translation>
    </message>
    <message>
        <source>wrong lot: you scanned lot {lot}; this task is lot {want}</source>
        <translation>批次错误：扫描的是批次 {lot}；本任务是批次 {want}</translation>
    </message>
    <message>
        <source>the quantity must be at least 1</source>
        <translation>数量至少为 1</translation>
    </message>
    <message>
        <source>over quantity: this task needs {remaining} more, not {qty}</source>
        <translation>数量超出：本任务还需 {remaining} 件，不是 {qty} 件</translation>
    </message>
    <message>
        <source>cannot pick {qty} for a task of {of} ({picked} picked) — scan the wave again</source>
        <translation>无法为 {of} 件的任务拣 {qty} 件（已拣 {picked} 件）— 请重新扫描波次</translation>
    </message>
    <message>
        <source>say why the units are missing (e.g. empty location, damaged)</source>
        <translation>请说明缺货原因（例如库位为空、破损）</translation>
    </message>
    <message>
        <source>Scan refused: {length} characters is far too long to be a barcode (at most {max}) — a stuck key or a scanner set up wrongly?</source>
        <translation>扫描被拒绝：{length} 个字符太长，不可能是条码（最多 {max} 个）— 是按键卡住了，还是扫码枪设置有误？</translation>
    </message>
    <message>
        <source>Scan refused: control character {char} in the code, which no barcode holds — check the scanner&apos;s keyboard language and suffix settings</source>
        <translation>扫描被拒绝：条码中含有控制字符 {char}，条码不会包含它 — 请检查扫码枪的键盘语言和后缀设置</translation>
    </message>
    <message>
        <source>Scan refused: the code was empty</source>
        <translation>扫描被拒绝：条码为空</translation>
    </message>
    <message>
        <source>scan pattern for &apos;{kind}&apos; ignored: the kinds are {kinds}</source>
        <translation>“{kind}”的扫码规则已忽略：可用类型为 {kinds}</translation>
    </message>
    <message>
        <source>scan pattern for &apos;{kind}&apos; ignored: {pattern} is not a regex ({error})</source>
        <translation>“{kind}”的扫码规则已忽略：{pattern} 不是正则表达式（{error}）</translation>
    </message>
    <message>
        <source>{first} {second}</source>
        <translation>{first}{second}</translation>
    </message>
    <message>
        <source>Nothing to acknowledge.</source>
        <translation>没有需要确认的提示。</translation>
    </message>
    <message>
        <source>Acknowledge first (Esc or scan CLEAR), then scan again.</source>
        <translation>请先确认提示（Esc 或扫描 CLEAR），再扫描。</translation>
    </message>
    <message>
        <source>Type the reason, then Enter; Esc cancels the override.</source>
        <translation>请输入原因后回车；Esc 取消认可。</translation>
    </message>
    <message>
        <source>The waybill is being printed: wait for it, then scan it.</source>
        <translation>面单正在打印：请等待打印完成后再扫描。</translation>
    </message>
    <message>
        <source>Wave {wave}: scan or type the slot number of the order in front of you.</source>
        <translation>波次 {wave}：请扫描或输入面前订单的格口号。</translation>
    </message>
    <message>
        <source>Order {order} open: {n} item(s) to scan.</source>
        <translation>订单 {order} 已打开：待扫描 {n} 件。</translation>
    </message>
    <message>
        <source>Order {order} found by its item; the item is counted.</source>
        <translation>已按商品找到订单 {order}；该商品已计数。</translation>
    </message>
    <message>
        <source>Taken over from station {station}.</source>
        <translation>已从打包台 {station} 接手。</translation>
    </message>
    <message>
        <source>Quantity {n}: now scan the item.</source>
        <translation>数量 {n}：现在扫描商品。</translation>
    </message>
    <message>
        <source>The typed quantity was dropped.</source>
        <translation>已取消输入的数量。</translation>
    </message>
    <message>
        <source>Insert {name} is in the parcel.</source>
        <translation>附件 {name} 已放入包裹。</translation>
    </message>
    <message>
        <source>No insert is waiting for this order.</source>
        <translation>该订单没有待放入的附件。</translation>
    </message>
    <message>
        <source>Parcel {n} goes into {name} ({code}, {tare}): expected weight {expected}.</source>
        <translation>包裹 {n} 使用 {name}（{code}，{tare}）：预计重量 {expected}。</translation>
    </message>
    <message>
        <source>No box or bag was scanned: parcel {n} goes into the station&apos;s {name} ({code}).</source>
        <translation>没有扫描纸箱或快递袋：包裹 {n} 使用本台默认的 {name}（{code}）。</translation>
    </message>
    <message>
        <source>Scan an order first.</source>
        <translation>请先扫描订单。</translation>
    </message>
    <message>
        <source>Finish the supervisor&apos;s override or the printing first.</source>
        <translation>请先完成主管认可或等待打印完成。</translation>
    </message>
    <message>
        <source>Last scan undone: {n} / {m} items.</source>
        <translation>已撤销上一次扫描：{n} / {m} 件。</translation>
    </message>
    <message>
        <source>No damage check is needed for this order.</source>
        <translation>此订单无需破损检查。</translation>
    </message>
    <message>
        <source>Damage check done.</source>
        <translation>已检查无破损。</translation>
    </message>
    <message>
        <source>Nothing to take out: F7 works on the items scanned into the open parcel.</source>
        <translation>没有可取出的商品：F7 只对已扫描进当前包裹的商品有效。</translation>
    </message>
    <message>
        <source>Scan the damaged item: it comes out of the parcel.</source>
        <translation>请扫描破损商品：它将从包裹中取出。</translation>
    </message>
    <message>
        <source>Nothing was taken out as damaged.</source>
        <translation>没有取出破损商品。</translation>
    </message>
    <message>
        <source>Damaged {item} taken out and booked to quarantine ({location}): put it in the quarantine box, put a replacement in the parcel and scan it.</source>
        <translation>破损的 {item} 已取出并记入隔离区（{location}）：请将其放入隔离箱，再放入一件替换商品并扫描它。</translation>
    </message>
    <message>
        <source>Damaged {item} taken out: put it aside for a supervisor to book into quarantine, put a replacement in the parcel and scan it.</source>
        <translation>破损的 {item} 已取出：请将其放在一边，由主管记入隔离区；再放入一件替换商品并扫描它。</translation>
    </message>
    <message>
        <source>No reading from the scale yet: wait for the weight, then F4.</source>
        <translation>电子秤还没有读数：等待重量后再按 F4。</translation>
    </message>
    <message>
        <source>The scale is overloaded: take the parcel off.</source>
        <translation>电子秤超载：请把包裹拿下来。</translation>
    </message>
    <message>
        <source>The weight is not steady yet: wait a moment, then F4.</source>
        <translation>重量尚未稳定：稍等片刻再按 F4。</translation>
    </message>
    <message>
        <source>No scale at this station, and packing needs one: set up the scale in Settings, or pack at another station.</source>
        <translation>本打包台没有电子秤，而打包需要称重：请在设置中设置电子秤，或到其他打包台打包。</translation>
    </message>
    <message>
        <source>No scale at this station: parcel {n} is recorded as not weighed. F10 closes it without a weight check.</source>
        <translation>本打包台没有电子秤：包裹 {n} 已记录为未称重。按 F10 封箱（不校验重量）。</translation>
    </message>
    <message>
        <source>{verdict}. F10 closes the parcel.</source>
        <translation>{verdict}。按 F10 封箱。</translation>
    </message>
    <message>
        <source>{verdict} (F9: a supervisor accepts the weight)</source>
        <translation>{verdict}（F9：主管放行该重量）</translation>
    </message>
    <message>
        <source>There is no refused weight to accept: weigh the parcel first (F4).</source>
        <translation>没有需要认可的重量：请先称重（F4）。</translation>
    </message>
    <message>
        <source>Supervisor: scan your badge.</source>
        <translation>主管：请扫描工牌。</translation>
    </message>
    <message>
        <source>{name} may not accept a refused weight: a supervisor&apos;s badge is needed.</source>
        <translation>{name} 无权认可重量：需要主管工牌。</translation>
    </message>
    <message>
        <source>{name}: type the reason, then Enter.</source>
        <translation>{name}：请输入原因，然后回车。</translation>
    </message>
    <message>
        <source>Weight accepted by {name} ({reason}). F10 closes the parcel.</source>
        <translation>重量已由 {name} 认可（{reason}）。按 F10 封箱。</translation>
    </message>
    <message>
        <source>The weight override was cancelled.</source>
        <translation>已取消重量认可。</translation>
    </message>
    <message>
        <source>Order {order} was put aside; its scans are kept.</source>
        <translation>订单 {order} 已暂放；扫描记录保留。</translation>
    </message>
    <message>
        <source>Cannot close yet: {reasons}</source>
        <translation>还不能封箱：{reasons}</translation>
    </message>
    <message>
        <source>Cannot close yet: {reasons}. An item that is not there is a short: put the order aside (F8) and tell a supervisor.</source>
        <translation>还不能封箱：{reasons}。商品确实缺少时属于缺货：请把订单放到一边（F8）并告知主管。</translation>
    </message>
    <message>
        <source>Parcel closed. No label printer here: print the waybill at the label desk, then scan it.</source>
        <translation>已封箱。本打包台没有面单打印机：请到打单台打印面单，然后扫描。</translation>
    </message>
    <message>
        <source>Parcel closed. Printing its waybill…</source>
        <translation>已封箱。正在打印面单…</translation>
    </message>
    <message>
        <source>The waybill could not be printed: {why}. F10 tries again.</source>
        <translation>面单打印失败：{why}。按 F10 重试。</translation>
    </message>
    <message>
        <source>No label printer is set up: print the waybill at the label desk.</source>
        <translation>未设置面单打印机：请到打单台打印面单。</translation>
    </message>
    <message>
        <source>Waybill {number} sent to the label printer: stick it on and scan it.</source>
        <translation>面单 {number} 已发送到面单打印机：贴上后扫描。</translation>
    </message>
    <message>
        <source>No document printer here: no packing slip was printed.</source>
        <translation>本打包台没有文档打印机：未打印发货单。</translation>
    </message>
    <message>
        <source>The packing slip failed: {why}</source>
        <translation>发货单打印失败：{why}</translation>
    </message>
    <message>
        <source>Packing slip sent to the document printer.</source>
        <translation>发货单已发送到文档打印机。</translation>
    </message>
    <message>
        <source>The waybill waits in the print queue ({why}): fix the printer and it prints by itself; then scan it.</source>
        <translation>面单在打印队列中等待（{why}）：修好打印机后会自动打印；然后再扫描。</translation>
    </message>
    <message>
        <source>The waybill was printed already: scan it. A lost label is printed again at the label desk (supervisor).</source>
        <translation>面单已打印：请扫描它。面单丢失请到打单台补打（主管）。</translation>
    </message>
    <message>
        <source>The waybill was not printed: {why} It waits in the print queue and prints by itself once the printer is fixed; then scan it.</source>
        <translation>面单没有打印出来：{why} 它在打印队列中等待，打印机恢复后会自动打印；然后再扫描。</translation>
    </message>
    <message>
        <source>The waybill is printed now: stick it on and scan it.</source>
        <translation>面单已打印：贴好后扫描。</translation>
    </message>
    <message>
        <source>Shipped ✔ order {order} · {number}. Scan the next order.</source>
        <translation>已发货 ✔ 订单 {order} · {number}。请扫描下一个订单。</translation>
    </message>
    <message>
        <source>Packed ✔ order {order} · {number}: ready for the courier&apos;s handover. Scan the next order.</source>
        <translation>已打包 ✔ 订单 {order} · {number}：等待快递揽收交接。请扫描下一个订单。</translation>
    </message>
    <message>
        <source>Parcel {n}: label {number} is right. Go on with the next parcel.</source>
        <translation>包裹 {n}：面单 {number} 正确。继续下一个包裹。</translation>
    </message>
    <message>
        <source>Order {order} reopened where it was: {n} / {m} items.</source>
        <translation>订单 {order} 已按原进度恢复：{n} / {m} 件。</translation>
    </message>
    <message>
        <source>{n} more order(s) are held at this station.</source>
        <translation>本打包台还占用另外 {n} 个订单。</translation>
    </message>
    <message>
        <source>Wave {wave}: {n} tasks.</source>
        <translation>波次 {wave}：共 {n} 个拣货任务。</translation>
    </message>
    <message>
        <source>Go to {location}.</source>
        <translation>请到 {location}。</translation>
    </message>
    <message>
        <source>Location {location} is right.</source>
        <translation>库位 {location} 正确。</translation>
    </message>
    <message>
        <source>{picked} of {qty} picked; {left} to go.</source>
        <translation>已拣 {picked} / {qty}，还差 {left}。</translation>
    </message>
    <message>
        <source>Task done: {qty} × {sku}.</source>
        <translation>任务完成：{qty} × {sku}。</translation>
    </message>
    <message>
        <source>Wave {wave} is done. Scan the next wave.</source>
        <translation>波次 {wave} 已拣完。请扫描下一个波次。</translation>
    </message>
    <message>
        <source>Scan the wave barcode first; then F8 declares a short pick.</source>
        <translation>请先扫描波次条码；之后按 F8 登记缺货。</translation>
    </message>
    <message>
        <source>Finish the short pick first: Enter confirms it, Esc cancels; then scan.</source>
        <translation>请先完成缺货登记：按 Enter 确认，按 Esc 取消；然后再扫描。</translation>
    </message>
    <message>
        <source>{missing} missing; order {order} sent to exception: no stock left. The lot is set aside until spot count {count} is approved.</source>
        <translation>缺货 {missing} 件；已无库存，订单 {order} 转异常。该批次已暂停分配，待盘点单 {count} 审批。</translation>
    </message>
    <message>
        <source>{missing} missing; new task at {location}. The lot is set aside until spot count {count} is approved.</source>
        <translation>缺货 {missing} 件；新拣货任务在 {location}。该批次已暂停分配，待盘点单 {count} 审批。</translation>
    </message>
    <message>
        <source>{missing} missing. The lot is set aside until spot count {count} is approved.</source>
        <translation>缺货 {missing} 件。该批次已暂停分配，待盘点单 {count} 审批。</translation>
    </message>
    <message>
        <source>{code} is neither an order number nor a bound tracking number</source>
        <translation>{code} 既不是订单号，也不是已绑定的运单号</translation>
    </message>
    <message>
        <source>{number} is order {order}, parcel {n}</source>
        <translation>{number} 属于订单 {order} 的包裹 {n}</translation>
    </message>
    <message>
        <source>Order {order} has no carrier and the number fits {fits}; set the order&apos;s carrier first</source>
        <translation>订单 {order} 没有指定快递公司，该单号符合 {fits}；请先设置订单的快递公司</translation>
    </message>
    <message>
        <source>no carrier</source>
        <translation>没有快递公司</translation>
    </message>
    <message>
        <source>✔ Bound {number} to order {order}, parcel {n}</source>
        <translation>✔ 已将 {number} 绑定到订单 {order} 的包裹 {n}</translation>
    </message>
    <message>
        <source>✔ Bound {number} to order {order}, parcel {n} (was {old})</source>
        <translation>✔ 已将 {number} 绑定到订单 {order} 的包裹 {n}（原为 {old}）</translation>
    </message>
    <message>
        <source>✔ {number} was already bound to order {order}, parcel {n}</source>
        <translation>✔ {number} 已绑定在订单 {order} 的包裹 {n} 上</translation>
    </message>
    <message>
        <source>{refusal} (F6: bind it to a new parcel instead)</source>
        <translation>{refusal}（F6：改为绑定到新包裹）</translation>
    </message>
    <message>
        <source>Type why the number is changed, then Enter; Esc starts over.</source>
        <translation>请输入更换运单号的原因，然后按回车；按 Esc 重新开始。</translation>
    </message>
    <message>
        <source>Changing a bound tracking number is for a supervisor</source>
        <translation>更换已绑定的运单号需要主管操作</translation>
    </message>
    <message>
        <source>No parcel of this order has a tracking number yet</source>
        <translation>该订单的包裹都还没有运单号</translation>
    </message>
    <message>
        <source>no wave {wave}</source>
        <translation>没有波次 {wave}</translation>
    </message>
    <message>
        <source>no wave #{id}</source>
        <translation>没有 #{id} 号波次</translation>
    </message>
    <message>
        <source>wave {wave} is already done</source>
        <translation>波次 {wave} 已完成</translation>
    </message>
    <message>
        <source>wave {wave} is already picked</source>
        <translation>波次 {wave} 已拣货完成</translation>
    </message>
    <message>
        <source>the number of orders in a wave must be greater than 0</source>
        <translation>波次的订单数必须大于 0</translation>
    </message>
    <message>
        <source>orders changed while the wave was being made; create it again</source>
        <translation>创建波次时订单有变更；请重新创建</translation>
    </message>
    <message>
        <source>cannot print {kind}: choose waybills, packing slips, or SKU, location or lot labels</source>
        <translation>无法打印 {kind}：请选择面单、包裹清单，或 SKU、库位、批次标签</translation>
    </message>
    <message>
        <source>cannot print as {format}: choose PDF, ZPL or TSPL</source>
        <translation>无法按 {format} 格式打印：请选择 PDF、ZPL 或 TSPL</translation>
    </message>
    <message>
        <source>packing slips print as PDF on the document printer, not as {format}</source>
        <translation>包裹清单只能以 PDF 在文档打印机上打印，不能用 {format}</translation>
    </message>
    <message>
        <source>the document printer prints PDF, not {format}: send it to the label printer</source>
        <translation>文档打印机只打印 PDF，不打印 {format}：请发送到标签打印机</translation>
    </message>
    <message>
        <source>nothing is chosen to print: add orders or a wave, or check the labels</source>
        <translation>没有选择要打印的内容：请添加订单或波次，或勾选标签</translation>
    </message>
    <message>
        <source>cannot render this document: {reason}</source>
        <extracomment>The renderer refused a document (a payload no barcode can carry, no Chinese font…); {reason} is the renderer&apos;s own sentence.</extracomment>
        <translation>无法生成此单据：{reason}</translation>
    </message>
    <message>
        <source>parcel {parcel} of order {order} has no tracking number yet: bind one or take one from the carrier&apos;s pool</source>
        <translation>订单 {order} 的包裹 {parcel} 还没有运单号：请绑定一个，或从快递公司的单号池中取一个</translation>
    </message>
    <message>
        <source>unknown label kind &apos;{kind}&apos;: use sku, location or lot</source>
        <translation>未知的标签类型“{kind}”：请用 sku、location 或 lot</translation>
    </message>
    <message>
        <source>name at least one code to print labels for</source>
        <translation>请至少填写一个要打印标签的编码</translation>
    </message>
    <message>
        <source>no such SKU: {codes}</source>
        <translation>没有这个 SKU：{codes}</translation>
    </message>
    <message>
        <source>no such location: {codes}</source>
        <translation>没有这个库位：{codes}</translation>
    </message>
    <message>
        <source>no such lot: {codes}</source>
        <translation>没有这个批次：{codes}</translation>
    </message>
    <message>
        <source>no wave {wave}: nothing to print</source>
        <translation>没有波次 {wave}：没有可打印的内容</translation>
    </message>
    <message>
        <source>scan or type an order number or a wave code</source>
        <translation>请扫描或输入订单号或波次号</translation>
    </message>
    <message>
        <source>no order or wave {ref}</source>
        <translation>没有订单或波次 {ref}</translation>
    </message>
    <message>
        <source>a print job needs a printer name</source>
        <translation>打印任务需要打印机名称</translation>
    </message>
    <message>
        <source>unknown printer language &apos;{language}&apos;: use zpl or tspl</source>
        <translation>未知的打印机语言“{language}”：请用 zpl 或 tspl</translation>
    </message>
    <message>
        <source>a print job needs something to print</source>
        <translation>打印任务没有要打印的内容</translation>
    </message>
    <message>
        <source>say why the label is printed again</source>
        <translation>请说明重新打印标签的原因</translation>
    </message>
    <message>
        <source>print job #{job} not found</source>
        <translation>找不到打印任务 #{job}</translation>
    </message>
    <message>
        <source>parcel {parcel} of order {order} has no tracking number yet: bind one (packdesk bind {order} NUMBER) or take one from the carrier&apos;s pool</source>
        <translation>订单 {order} 的包裹 {parcel} 还没有运单号：请绑定一个（packdesk bind {order} 运单号），或从快递公司的单号池中取一个</translation>
    </message>
    <message>
        <source>cannot write {path}: {reason}</source>
        <translation>无法写入 {path}：{reason}</translation>
    </message>
    <message>
        <source>empty barcode</source>
        <extracomment>the command line&apos;s &quot;cannot write&quot; is the label desk&apos;s (app.messages.labels.CANNOT_SAVE)</extracomment>
        <translation>条码为空</translation>
    </message>
    <message>
        <source>{kind} {code}: wrong check digit (expected {expected})</source>
        <translation>{kind} {code}：校验位错误（应为 {expected}）</translation>
    </message>
    <message>
        <source>barcode &apos;{code}&apos;: internal codes must be 1-48 printable ASCII characters</source>
        <translation>条码“{code}”：内部编码必须是 1 到 48 个可打印的 ASCII 字符</translation>
    </message>
    <message>
        <source>{document}: characters in the {field} have no font on this computer and print as □: {chars}</source>
        <extracomment>Characters of a field no font on this computer has (printing.glyphs.unprintable): the document is printed, with □ in their place. {chars}: the characters and their code points.</extracomment>
        <translation>{document}：{field}中有字符在本机没有可用字体，打印为 □：{chars}</translation>
    </message>
    <message>
        <source>Only {n} {carrier} waybill numbers are left in the pool: import more before it runs out</source>
        <translation>{carrier} 电子面单号池只剩 {n} 个单号：请在用完前导入更多</translation>
    </message>
    <message>
        <source>waybill {tracking} {order}/{parcel}</source>
        <translation>面单 {tracking} {order}/{parcel}</translation>
    </message>
    <message>
        <source>packing slip {order}</source>
        <translation>包裹清单 {order}</translation>
    </message>
    <message>
        <source>SKU label {code} ×{copies}</source>
        <extracomment>One label of a kind, for the label printer (one print job each).</extracomment>
        <translation>SKU 标签 {code} ×{copies}</translation>
    </message>
    <message>
        <source>location label {code} ×{copies}</source>
        <translation>库位标签 {code} ×{copies}</translation>
    </message>
    <message>
        <source>lot label {code} ×{copies}</source>
        <translation>批次标签 {code} ×{copies}</translation>
    </message>
    <message>
        <source>lot label {code} {sku} ×{copies}</source>
        <translation>批次标签 {code} {sku} ×{copies}</translation>
    </message>
    <message>
        <source>{n} SKU label(s) ×{copies}</source>
        <extracomment>Labels of a kind as one PDF for the document printer.</extracomment>
        <translation>{n} 张 SKU 标签 ×{copies}</translation>
    </message>
    <message>
        <source>{n} location label(s) ×{copies}</source>
        <translation>{n} 张库位标签 ×{copies}</translation>
    </message>
    <message>
        <source>{n} lot label(s) ×{copies}</source>
        <translation>{n} 张批次标签 ×{copies}</translation>
    </message>
    <message>
        <source>cannot read the file {file}: {reason}</source>
        <translation>无法读取文件 {file}：{reason}</translation>
    </message>
    <message>
        <source>{path}: no such file</source>
        <translation>{path}：文件不存在</translation>
    </message>
    <message>
        <source>{path} is a directory, not a file; choose the file in it</source>
        <translation>{path} 是文件夹，不是文件；请选择其中的文件</translation>
    </message>
    <message>
        <source>{path} is not a regular file (it is a device, a pipe or a socket); choose a CSV or Excel file</source>
        <translation>{path} 不是普通文件（而是设备、管道或套接字）；请选择 CSV 或 Excel 文件</translation>
    </message>
    <message>
        <source>this is an old Excel .xls file, which cannot be read; save it as Excel Workbook (.xlsx) or CSV UTF-8</source>
        <translation>这是旧版 Excel .xls 文件，无法读取；请另存为 Excel 工作簿（.xlsx）或 CSV UTF-8</translation>
    </message>
    <message>
        <source>cannot read the Excel file: it is damaged or not an Excel workbook (.xlsx) ({error}); open it in Excel and save it again</source>
        <translation>无法读取该 Excel 文件：文件已损坏或不是 Excel 工作簿（.xlsx）（{error}）；请用 Excel 打开后重新保存</translation>
    </message>
    <message>
        <source>the Excel file has no worksheet</source>
        <translation>该 Excel 文件没有工作表</translation>
    </message>
    <message>
        <source>the CSV file is malformed near line {line}: {error}; open it in Excel and save it again as CSV UTF-8</source>
        <translation>CSV 文件第 {line} 行附近格式有误：{error}；请用 Excel 打开后重新另存为 CSV UTF-8</translation>
    </message>
    <message>
        <source>the quote opened on line {line} is never closed: the file is cut short or a quote is missing</source>
        <translation>第 {line} 行开始的引号一直没有闭合：文件不完整，或缺少一个引号</translation>
    </message>
    <message>
        <source>the sheet says it has {rows} rows; an import reads at most {limit}: split it into smaller files</source>
        <translation>工作表声明有 {rows} 行；一次导入最多读取 {limit} 行：请拆分成较小的文件</translation>
    </message>
    <message>
        <source>the file has more than {limit} rows, more than an import reads: split it into smaller files</source>
        <translation>文件超过 {limit} 行，超出一次导入可读取的行数：请拆分成较小的文件</translation>
    </message>
    <message>
        <source>the file is empty: it has no header row and no data</source>
        <translation>文件是空的：没有表头行，也没有数据</translation>
    </message>
    <message>
        <source>the file has only a header row and no data rows</source>
        <translation>文件只有表头行，没有数据行</translation>
    </message>
    <message>
        <source>column &apos;{column}&apos; appears twice in the header; keep only one</source>
        <translation>表头中“{column}”列出现了两次；请只保留一列</translation>
    </message>
    <message>
        <source>missing column &apos;{column}&apos;</source>
        <translation>缺少“{column}”列</translation>
    </message>
    <message>
        <source>wrong encoding: the file starts with a {encoding} byte-order mark but is not valid {encoding} (first bad byte at line {line}); save it as CSV UTF-8</source>
        <translation>编码错误：文件以 {encoding} 字节顺序标记开头，但内容不是有效的 {encoding}（第一个错误字节在第 {line} 行）；请另存为 CSV UTF-8</translation>
    </message>
    <message>
        <source>wrong encoding: the file contains NUL bytes (it looks like UTF-16 without a byte-order mark); save it as CSV UTF-8</source>
        <translation>编码错误：文件含有 NUL 字节（看起来是没有字节顺序标记的 UTF-16）；请另存为 CSV UTF-8</translation>
    </message>
    <message>
        <source>wrong encoding: the file is neither UTF-8 nor GB18030/GBK (first bad byte at line {line}); save it as CSV UTF-8</source>
        <translation>编码错误：文件既不是 UTF-8，也不是 GB18030/GBK（第一个错误字节在第 {line} 行）；请另存为 CSV UTF-8</translation>
    </message>
    <message>
        <source>the database refused the import, probably because another station changed the same data at the same moment ({detail}); nothing imported, import the file again</source>
        <translation>数据库拒绝了本次导入，可能是另一工作站同时修改了相同的数据（{detail}）；未导入任何数据，请重新导入该文件</translation>
    </message>
    <message>
        <source>this file was already received on {when} by {user}; nothing imported</source>
        <translation>该文件已于 {when} 由 {user} 入库；未导入任何数据</translation>
    </message>
    <message>
        <source>… and {n} more rows with errors not shown</source>
        <translation>……另有 {n} 行有错误，未显示</translation>
    </message>
    <message>
        <source>line {line} has {cells} cells but the header has {columns}: the row is cut short, so none of it is read</source>
        <translation>第 {line} 行有 {cells} 个单元格，而表头有 {columns} 列：该行不完整，整行都不读取</translation>
    </message>
    <message>
        <source>line {line} has {cells} cells but the header has {columns}: a value probably holds the separator without quotes</source>
        <translation>第 {line} 行有 {cells} 个单元格，而表头有 {columns} 列：可能有数值含分隔符却没加引号</translation>
    </message>
    <message>
        <source>not a text value: {value}</source>
        <translation>不是文本值：{value}</translation>
    </message>
    <message>
        <source>the number {value} was rounded by Excel and lost digits; format the column as Text and type it again</source>
        <translation>数字 {value} 已被 Excel 四舍五入，丢失了位数；请把该列设为“文本”格式后重新输入</translation>
    </message>
    <message>
        <source>not a yes/no value {value} (use 1/0, yes/no or 是/否)</source>
        <translation>{value} 不是是/否值（请用 1/0、yes/no 或 是/否）</translation>
    </message>
    <message>
        <source>missing number</source>
        <translation>缺少数字</translation>
    </message>
    <message>
        <source>malformed number {value}</source>
        <translation>数字格式错误 {value}</translation>
    </message>
    <message>
        <source>{value} is too large</source>
        <translation>{value} 太大</translation>
    </message>
    <message>
        <source>{value} is not a whole number</source>
        <translation>{value} 不是整数</translation>
    </message>
    <message>
        <source>must be a whole number greater than 0, not {value}</source>
        <translation>必须是大于 0 的整数，不能是 {value}</translation>
    </message>
    <message>
        <source>must be a whole number of 0 or more, not {value}</source>
        <translation>必须是 0 或以上的整数，不能是 {value}</translation>
    </message>
    <message>
        <source>must be an amount in yuan of 0 or more (e.g. 45.50), not {value}</source>
        <translation>须为 0 或以上的人民币金额（例如 45.50），不能是 {value}</translation>
    </message>
    <message>
        <source>bad date {value} (use YYYY-MM-DD or YYYY-MM-DD HH:MM)</source>
        <translation>日期错误 {value}（请用 YYYY-MM-DD 或 YYYY-MM-DD HH:MM）</translation>
    </message>
    <message>
        <source>cannot read this value: {detail}</source>
        <extracomment>A cell a parser refused without saying why in a code (never expected; the detail is English).</extracomment>
        <translation>无法读取该值：{detail}</translation>
    </message>
    <message>
        <source>missing {column}</source>
        <translation>缺少 {column}</translation>
    </message>
    <message>
        <source>too long: at most {limit} characters, this has {length}</source>
        <translation>太长：最多 {limit} 个字符，此处有 {length} 个</translation>
    </message>
    <message>
        <source>contains the invisible character {char} (a line break, a tab or another control character); a code may hold only visible characters</source>
        <translation>含有不可见字符 {char}（换行、制表符或其他控制字符）；编码只能包含可见字符</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>barcode &apos;{barcode}&apos; was turned into a number by Excel and lost digits; format the column as Text and type the barcodes again</source>
        <translation>条码“{barcode}”被 Excel 转成了数字并丢失了位数；请把该列设为“文本”格式后重新输入条码</translation>
    </message>
    <message>
        <source>duplicate barcode {barcode}: also on row {row} (SKU {sku})</source>
        <translation>条码 {barcode} 重复：第 {row} 行（SKU {sku}）也有</translation>
    </message>
    <message>
        <source>duplicate barcode {barcode}: already on SKU {sku}</source>
        <translation>条码 {barcode} 重复：已属于 SKU {sku}</translation>
    </message>
    <message>
        <source>duplicate SKU &apos;{sku}&apos;: also on row {row}</source>
        <translation>SKU“{sku}”重复：第 {row} 行也有</translation>
    </message>
    <message>
        <source>bad location &apos;{location}&apos;: use letters and digits separated by &apos;-&apos;, e.g. A-01-02-03</source>
        <translation>库位“{location}”有误：请用以“-”分隔的字母和数字，例如 A-01-02-03</translation>
    </message>
    <message>
        <source>bad location &apos;{location}&apos;: the zone is over 16 characters</source>
        <translation>库位“{location}”有误：库区超过 16 个字符</translation>
    </message>
    <message>
        <source>expiry {expiry} is before received_at {received}</source>
        <translation>到期日 {expiry} 早于入库时间 received_at {received}</translation>
    </message>
    <message>
        <source>unknown SKU &apos;{sku}&apos;</source>
        <translation>未知 SKU“{sku}”</translation>
    </message>
    <message>
        <source>expiry required: SKU {sku} is expiry-tracked</source>
        <translation>需要填写到期日：SKU {sku} 需管理效期</translation>
    </message>
    <message>
        <source>lot {lot} of SKU {sku} at {location} has expiry {first} on row {row}, {expiry} here</source>
        <translation>库位 {location} 上 SKU {sku} 的批次 {lot} 在第 {row} 行的到期日是 {first}，此处是 {expiry}</translation>
    </message>
    <message>
        <source>lot {lot} of SKU {sku} at {location} is already in stock with expiry {stocked}, not {expiry}</source>
        <translation>库位 {location} 上 SKU {sku} 的批次 {lot} 已有库存，到期日为 {stocked}，不是 {expiry}</translation>
    </message>
    <message>
        <source>lot {lot} of SKU {sku} at {location} would hold {total} units; a lot holds at most {limit}</source>
        <translation>库位 {location} 上 SKU {sku} 的批次 {lot} 将有 {total} 件；一个批次最多 {limit} 件</translation>
    </message>
    <message>
        <source>differs from row {row} of order {order}: {here} here, {there} there</source>
        <translation>与订单 {order} 第 {row} 行不一致：此处为 {here}，那里为 {there}</translation>
    </message>
    <message>
        <source>status &apos;{value}&apos; is not one the import knows: write one of {known}</source>
        <translation>状态“{value}”无法识别：请填写以下之一：{known}</translation>
    </message>
    <message>
        <source>{file}: nothing imported, {n} problem(s):</source>
        <translation>{file}：未导入任何数据，共 {n} 个问题：</translation>
    </message>
    <message>
        <source>row {row}, column {column}: {problem}</source>
        <translation>第 {row} 行，{column} 列：{problem}</translation>
    </message>
    <message>
        <source>row {row}: {problem}</source>
        <translation>第 {row} 行：{problem}</translation>
    </message>
    <message>
        <source>file: {problem}</source>
        <translation>文件：{problem}</translation>
    </message>
    <message>
        <source>{file}: nothing imported: {problem}</source>
        <extracomment>The command line&apos;s one sentence for a file refused as a whole.</extracomment>
        <translation>{file}：未导入任何数据：{problem}</translation>
    </message>
    <message>
        <source>{file} is in use ({reason}); close Packdesk where it is open and build the demo again.</source>
        <translation>{file} 正在使用中（{reason}）；请关闭打开它的 Packdesk，然后重新生成演示仓库。</translation>
    </message>
    <message>
        <source>{database} is not a demo database; refusing to overwrite it</source>
        <translation>{database} 不是演示数据库；拒绝覆盖</translation>
    </message>
    <message>
        <source>{file} is not a Packdesk database ({error}); refusing to overwrite it</source>
        <translation>{file} 不是 Packdesk 数据库（{error}）；拒绝覆盖</translation>
    </message>
    <message>
        <source>the number of orders cannot be negative</source>
        <translation>订单数量不能为负数</translation>
    </message>
    <message>
        <source>{problem}. Use --db with a new file.</source>
        <extracomment>The command line&apos;s advice after a refused demo build.</extracomment>
        <translation>{problem}。请用 --db 指定一个新文件。</translation>
    </message>
    <message>
        <source>the database {database} is locked by {holder}: Packdesk waited {seconds} s and changed nothing; try again when it has finished</source>
        <translation>数据库 {database} 被{holder}锁定：Packdesk 等待了 {seconds} 秒，未做任何更改；请等它完成后再试</translation>
    </message>
    <message>
        <source>another Packdesk (process {pid})</source>
        <translation>另一个 Packdesk（进程 {pid}）</translation>
    </message>
    <message>
        <source>another program ({program}, process {pid})</source>
        <translation>另一个程序（{program}，进程 {pid}）</translation>
    </message>
    <message>
        <source>another program</source>
        <translation>另一个程序</translation>
    </message>
    <message>
        <source>the database {database} is read-only, so nothing was changed; the station&apos;s user needs write access to that file</source>
        <translation>数据库 {database} 是只读的，因此未做任何更改；本工作站的系统用户需要对该文件有写权限</translation>
    </message>
    <message>
        <source>the folder {folder} of the database {database} is read-only, so SQLite cannot keep its journal there and nothing was changed; the station&apos;s user needs write access to that folder</source>
        <translation>数据库 {database} 所在的文件夹 {folder} 是只读的，SQLite 无法在其中写日志文件，因此未做任何更改；本工作站的系统用户需要对该文件夹有写权限</translation>
    </message>
    <message>
        <source>the database server of {database} only reads (a standby server), so nothing was changed; the station must connect to the primary server</source>
        <translation>{database} 的数据库服务器只读（备用服务器），因此未做任何更改；本工作站必须连接主服务器</translation>
    </message>
    <message>
        <source>{database} is not a database file, so Packdesk changed nothing in it</source>
        <translation>{database} 不是数据库文件，Packdesk 未对其做任何更改</translation>
    </message>
    <message>
        <source>the database {database} is damaged (cut short or overwritten), so Packdesk changed nothing in it; restore it from a backup</source>
        <translation>数据库 {database} 已损坏（被截断或被覆盖），Packdesk 未对其做任何更改；请从备份恢复</translation>
    </message>
    <message>
        <source>the database {database} was written by a newer Packdesk (schema {revision}); this is Packdesk {version} (schema {head}), so nothing was changed: use the newer Packdesk</source>
        <translation>数据库 {database} 由更新版本的 Packdesk 写入（结构版本 {revision}）；本程序是 Packdesk {version}（结构版本 {head}），因此未做任何更改：请使用更新版本的 Packdesk</translation>
    </message>
    <message>
        <source>{source} {address} is not a database address: write sqlite:///PATH for a SQLite file or postgresql+psycopg://USER@HOST:PORT/NAME for a database server</source>
        <translation>{source} {address} 不是数据库地址：SQLite 文件请写 sqlite:///PATH，数据库服务器请写 postgresql+psycopg://USER@HOST:PORT/NAME</translation>
    </message>
    <message>
        <source>{source} {address} asks for the database driver {driver}, which this Packdesk does not have: use sqlite:///PATH or postgresql+psycopg://USER@HOST:PORT/NAME</source>
        <translation>{source} {address} 要求使用数据库驱动 {driver}，本版 Packdesk 没有该驱动：请使用 sqlite:///PATH 或 postgresql+psycopg://USER@HOST:PORT/NAME</translation>
    </message>
    <message>
        <source>the station&apos;s database address</source>
        <extracomment>Where a database address came from ({source} above), when it was not --db or PACKDESK_DB.</extracomment>
        <translation>本工作站的数据库地址</translation>
    </message>
    <message>
        <source>the database server {server} of {database} does not answer: check that it is running and that the host and port are right</source>
        <translation>{database} 的数据库服务器 {server} 没有响应：请检查服务器是否在运行，以及主机和端口是否正确</translation>
    </message>
    <message>
        <source>the database server {server} has no database named {name} ({database}): check the name, or create the database first</source>
        <translation>数据库服务器 {server} 上没有名为 {name} 的数据库（{database}）：请检查名称，或先创建该数据库</translation>
    </message>
    <message>
        <source>the database {database} cannot be there: {file} is a file, not a folder</source>
        <translation>数据库 {database} 不能放在那里：{file} 是文件，不是文件夹</translation>
    </message>
    <message>
        <source>the folder {folder} of the database {database} does not exist: check the path, or create the folder first</source>
        <translation>数据库 {database} 所在的文件夹 {folder} 不存在：请检查路径，或先创建该文件夹</translation>
    </message>
    <message>
        <source>the disk of the database {database} is full, so nothing was changed: free some space and try again</source>
        <translation>数据库 {database} 所在的磁盘已满，因此未做任何更改：请释放一些空间后再试</translation>
    </message>
    <message>
        <source>the database {database} could not be read or written (a disk I/O error), so nothing was changed: check the disk</source>
        <translation>无法读写数据库 {database}（磁盘 I/O 错误），因此未做任何更改：请检查磁盘</translation>
    </message>
    <message>
        <source>cannot open the database {url}: {error}</source>
        <extracomment>Any other reason a database cannot be opened, in the driver&apos;s words.</extracomment>
        <translation>无法打开数据库 {url}：{error}</translation>
    </message>
    <message>
        <source>not paid</source>
        <translation>未付款</translation>
    </message>
    <message>
        <source>order has no lines</source>
        <translation>订单没有商品明细</translation>
    </message>
    <message>
        <source>address incomplete: {part} missing</source>
        <translation>地址不完整：缺少{part}</translation>
    </message>
    <message>
        <source>phone number looks wrong: &apos;{phone}&apos;</source>
        <translation>电话号码有误：“{phone}”</translation>
    </message>
    <message>
        <source>unknown SKU {sku}</source>
        <extracomment>Also the catalogue&apos;s refusal of SKU codes it does not have (the same words).</extracomment>
        <translation>未知 SKU {sku}</translation>
    </message>
    <message>
        <source>not enough stock: SKU {sku} needs {needed}, {free} free</source>
        <translation>库存不足：SKU {sku} 需要 {needed}，可用 {free}</translation>
    </message>
    <message>
        <source>short pick: SKU {sku} short by {short}, no stock left</source>
        <translation>拣货缺货：SKU {sku} 缺 {short} 件，已无库存</translation>
    </message>
    <message>
        <source>short pick: SKU {sku} short by {short}, no stock left; {picked} picked unit(s) on the cart go back to stock</source>
        <translation>拣货缺货：SKU {sku} 缺 {short} 件，已无库存；拣货车上已拣的 {picked} 件需退回库存</translation>
    </message>
    <message>
        <source>{reason} (as recorded)</source>
        <extracomment>A reason stored as text that no code describes: written by the migration that moved the reasons to codes (0007) for a sentence it did not recognise, and read for a stored code this version does not know. The recorded English is shown as it is, marked as such.</extracomment>
        <translation>{reason}（原始记录）</translation>
    </message>
    <message>
        <source>buyer name</source>
        <extracomment>The parts of an address review checks (&quot;address incomplete: {part} missing&quot;).</extracomment>
        <translation>买家姓名</translation>
    </message>
    <message>
        <source>phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>province</source>
        <translation>省份</translation>
    </message>
    <message>
        <source>city</source>
        <translation>城市</translation>
    </message>
    <message>
        <source>district</source>
        <translation>区县</translation>
    </message>
    <message>
        <source>street address</source>
        <translation>详细地址</translation>
    </message>
    <message>
        <source>order lines</source>
        <extracomment>What the platform may change of an order it sends again (app.domain.order_changes).</extracomment>
        <translation>订单明细</translation>
    </message>
    <message>
        <source>platform status</source>
        <translation>平台状态</translation>
    </message>
    <message>
        <source>{field} {old} → {new}</source>
        <translation>{field} {old} → {new}</translation>
    </message>
    <message>
        <source>address incomplete</source>
        <translation>地址不完整</translation>
    </message>
    <message>
        <source>phone number looks wrong</source>
        <translation>电话号码有误</translation>
    </message>
    <message>
        <source>unknown SKU</source>
        <translation>未知 SKU</translation>
    </message>
    <message>
        <source>not enough stock</source>
        <translation>库存不足</translation>
    </message>
    <message>
        <source>short pick</source>
        <translation>拣货缺货</translation>
    </message>
    <message>
        <source>SKU {sku} short by {short}</source>
        <translation>SKU {sku} 缺 {short} 件</translation>
    </message>
    <message>
        <source>waiting for stock: {short}</source>
        <translation>等待补货：{short}</translation>
    </message>
    <message>
        <source>order #{id} not found</source>
        <translation>找不到订单 #{id}</translation>
    </message>
    <message>
        <source>order not found: {orders}</source>
        <translation>找不到订单：{orders}</translation>
    </message>
    <message>
        <source>some of the selected orders no longer exist; refresh the list</source>
        <translation>部分所选订单已不存在；请刷新列表</translation>
    </message>
    <message>
        <source>orders changed while they were being reviewed; run review again</source>
        <translation>审单过程中订单被修改；请重新审单</translation>
    </message>
    <message>
        <source>unknown order action &apos;{action}&apos;</source>
        <translation>未知的订单操作“{action}”</translation>
    </message>
    <message>
        <source>unknown status &apos;{status}&apos;; use one of: {statuses}</source>
        <translation>未知状态“{status}”；请使用以下之一：{statuses}</translation>
    </message>
    <message>
        <source>unknown pick rule &apos;{rule}&apos;; use fifo or fefo</source>
        <translation>未知拣货规则“{rule}”；请用 fifo（先进先出）或 fefo（先到期先出）</translation>
    </message>
    <message>
        <source>FEFO needs expiry dates; not expiry-tracked: {skus}</source>
        <translation>先到期先出（FEFO）需要到期日；以下 SKU 未管理效期：{skus}</translation>
    </message>
    <message>
        <source>name the shop</source>
        <translation>请填写店铺名称</translation>
    </message>
    <message>
        <source>unknown shop setting(s): {names}</source>
        <translation>未知的店铺设置：{names}</translation>
    </message>
    <message>
        <source>wrong name or PIN</source>
        <translation>姓名或 PIN 码错误</translation>
    </message>
    <message>
        <source>badge not recognised; scan again or log in with name and PIN</source>
        <translation>无法识别工牌；请重新扫描，或用姓名和 PIN 码登录</translation>
    </message>
    <message>
        <source>a PIN is 4 to 12 digits</source>
        <translation>PIN 码为 4 到 12 位数字</translation>
    </message>
    <message>
        <source>a user needs a name</source>
        <translation>用户必须有姓名</translation>
    </message>
    <message>
        <source>unknown role &apos;{role}&apos;; choose one of: {roles}</source>
        <translation>未知角色“{role}”；请从以下选择：{roles}</translation>
    </message>
    <message>
        <source>a user named &apos;{name}&apos; already exists</source>
        <translation>名为“{name}”的用户已存在</translation>
    </message>
    <message>
        <source>badge &apos;{badge}&apos; already belongs to another user</source>
        <translation>工牌“{badge}”已属于其他用户</translation>
    </message>
    <message>
        <source>the two PINs differ; nothing saved</source>
        <translation>两次输入的 PIN 码不一致；未保存</translation>
    </message>
    <message>
        <source>no PIN on standard input</source>
        <translation>标准输入中没有 PIN 码</translation>
    </message>
    <message>
        <source>label printer</source>
        <translation>标签打印机</translation>
    </message>
    <message>
        <source>document printer</source>
        <translation>文档打印机</translation>
    </message>
    <message>
        <source>scale</source>
        <translation>电子秤</translation>
    </message>
    <message>
        <source>scanner</source>
        <translation>扫描枪</translation>
    </message>
    <message>
        <source>CUPS queue {queue}</source>
        <translation>CUPS 队列 {queue}</translation>
    </message>
    <message>
        <source>paper out</source>
        <extracomment>What a label printer reports when it cannot print (printing.zpl / printing.tspl words).</extracomment>
        <translation>缺纸</translation>
    </message>
    <message>
        <source>ribbon out</source>
        <translation>碳带用完</translation>
    </message>
    <message>
        <source>head open</source>
        <translation>打印头未合上</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>no answer</source>
        <translation>无响应</translation>
    </message>
    <message>
        <source>busy</source>
        <translation>忙碌中</translation>
    </message>
    <message>
        <source>not ready</source>
        <translation>未就绪</translation>
    </message>
    <message>
        <source>unreadable status answer</source>
        <translation>状态应答无法识别</translation>
    </message>
    <message>
        <source>printer says {reason}</source>
        <extracomment>A reason the table above does not know, as the printer said it.</extracomment>
        <translation>打印机提示：{reason}</translation>
    </message>
    <message>
        <source>Load a new roll of labels</source>
        <extracomment>What to do about a reason (the sentence goes on &quot;, then print again.&quot;).</extracomment>
        <translation>装上一卷新标签纸</translation>
    </message>
    <message>
        <source>Fit a new ribbon</source>
        <translation>换上新碳带</translation>
    </message>
    <message>
        <source>Close the print head</source>
        <translation>合上打印头</translation>
    </message>
    <message>
        <source>Press its pause button to resume</source>
        <translation>按打印机上的暂停键恢复打印</translation>
    </message>
    <message>
        <source>Wait until it has finished</source>
        <translation>等待打印机处理完毕</translation>
    </message>
    <message>
        <source>Check the printer&apos;s display</source>
        <translation>查看打印机显示屏</translation>
    </message>
    <message>
        <source>The {device} on {port} could not be opened. Check that it is plugged in and switched on, and that Settings names the right port.</source>
        <translation>{port} 上的{device}无法打开。请检查设备是否已插好并开机，以及“设置”中填写的端口是否正确。</translation>
    </message>
    <message>
        <source>The {device} on {port} did not answer within {seconds} s. Check its cable and that it is switched on.</source>
        <translation>{port} 上的{device}在 {seconds} 秒内无响应。请检查连接线并确认已开机。</translation>
    </message>
    <message>
        <source>The {device} on {port} cannot print: {reason}. {advice}, then print again.</source>
        <translation>{port} 上的{device}无法打印：{reason}。请{advice}，然后重新打印。</translation>
    </message>
    <message>
        <source>The {device} cannot print: {reason}. {advice}, then print again.</source>
        <translation>{device}无法打印：{reason}。请{advice}，然后重新打印。</translation>
    </message>
    <message>
        <source>The {device} on {port} does not answer. Check its cable and that it is switched on, then print again.</source>
        <translation>{port} 上的{device}无响应。请检查连接线并确认已开机，然后重新打印。</translation>
    </message>
    <message>
        <source>The {device} does not answer. Check its cable and that it is switched on, then print again.</source>
        <translation>{device}无响应。请检查连接线并确认已开机，然后重新打印。</translation>
    </message>
    <message>
        <source>The {device} on {port} dropped the connection; the label may not have printed. Check the printer and print again.</source>
        <translation>{port} 上的{device}连接已断开，标签可能没有打印出来。请检查打印机后重新打印。</translation>
    </message>
    <message>
        <source>The {device} on {port} is write-only: its status cannot be read back.</source>
        <translation>{port} 上的{device}只能写入，无法读取它的状态。</translation>
    </message>
    <message>
        <source>The {device} on {port} cannot report its status through CUPS.</source>
        <translation>{port} 上的{device}无法通过 CUPS 报告状态。</translation>
    </message>
    <message>
        <source>The {device} on {port} cannot be used because the CUPS program &apos;{program}&apos; is not installed on this computer. Ask your administrator to install the cups-client package, then print again.</source>
        <translation>{port} 上的{device}无法使用：这台电脑没有安装 CUPS 程序“{program}”。请让管理员安装 cups-client 软件包，然后重新打印。</translation>
    </message>
    <message>
        <source>CUPS did not accept the job for the {device} on {port} ({detail}). Check that Settings names the right queue and that the printer is enabled in CUPS, then print again.</source>
        <translation>CUPS 没有接受 {port} 上{device}的打印任务（{detail}）。请检查“设置”中的队列是否正确、打印机在 CUPS 中是否已启用，然后重新打印。</translation>
    </message>
    <message>
        <source>lp exited with status {status}</source>
        <translation>lp 退出，状态码 {status}</translation>
    </message>
    <message>
        <source>Nothing was sent to the {device} on {port} because the document is not a PDF. Create the document again and print it; if this keeps happening, tell your supervisor.</source>
        <translation>没有发送到 {port} 上的{device}：该文档不是 PDF。请重新生成文档再打印；如果一直这样，请告诉主管。</translation>
    </message>
    <message>
        <source>Print job #{job} is {language} but the {device} speaks {printer_language}. Choose the right printer in Settings and print again.</source>
        <translation>打印任务 #{job} 是 {language} 格式，但{device}使用 {printer_language}。请在“设置”中选择正确的打印机后重新打印。</translation>
    </message>
    <message>
        <source>no address is set</source>
        <translation>没有填写地址</translation>
    </message>
    <message>
        <source>&apos;{address}&apos; is not host:port (port 1 to 65535)</source>
        <translation>“{address}”不是“主机:端口”格式（端口 1 到 65535）</translation>
    </message>
    <message>
        <source>&apos;{queue}&apos; is not a CUPS queue name</source>
        <translation>“{queue}”不是有效的 CUPS 队列名</translation>
    </message>
    <message>
        <source>&apos;{option}&apos; cannot be passed to CUPS as one job option</source>
        <translation>“{option}”不能作为一个打印选项传给 CUPS</translation>
    </message>
    <message>
        <source>The label printer setting is not usable: {why}. Fix it in Settings.</source>
        <translation>标签打印机设置无法使用：{why}。请在“设置”中修改。</translation>
    </message>
    <message>
        <source>The document printer setting is not usable: {why}. Fix it in Settings.</source>
        <translation>文档打印机设置无法使用：{why}。请在“设置”中修改。</translation>
    </message>
    <message>
        <source>No CUPS queue is set for documents. Choose one in Settings.</source>
        <translation>未设置文档的 CUPS 队列。请在“设置”中选择。</translation>
    </message>
    <message>
        <source>No serial port is set for the scale. Choose one in Settings.</source>
        <translation>未设置电子秤的串口。请在“设置”中选择。</translation>
    </message>
    <message>
        <source>No serial port is set for the scanner. Choose one in Settings.</source>
        <translation>未设置扫描枪的串口。请在“设置”中选择。</translation>
    </message>
    <message>
        <source>The simulated {device} cannot start here: {why}.</source>
        <translation>模拟{device}无法在这台电脑上启动：{why}。</translation>
    </message>
    <message>
        <source>No label printer is set up. Choose one in Settings.</source>
        <translation>未设置标签打印机。请在“设置”中选择。</translation>
    </message>
    <message>
        <source>Print job #{job} ({what}) failed {attempts} times and was not tried again: {reason}</source>
        <translation>打印任务 #{job}（{what}）已失败 {attempts} 次，不再自动重试：{reason}</translation>
    </message>
    <message>
        <source>unknown error</source>
        <translation>未知错误</translation>
    </message>
    <message>
        <source>Label not printed (kept in the queue, it prints once the printer is fixed): {reason}</source>
        <translation>标签未打印（已保留在队列中，打印机恢复后会自动打印）：{reason}</translation>
    </message>
    <message>
        <source>test label not printed, kept as job #{job} for a retry: {reason}</source>
        <translation>测试标签未打印，已保留为打印任务 #{job} 等待重试：{reason}</translation>
    </message>
    <message>
        <source>not sent</source>
        <translation>未发送</translation>
    </message>
    <message>
        <source>the system said: {detail}</source>
        <extracomment>What the operating system or a driver said about a device failure (the command line).</extracomment>
        <translation>系统提示：{detail}</translation>
    </message>
    <message>
        <source>{reason} (Settings → Devices in the app)</source>
        <translation>{reason}（请在应用的“设置 → 设备”中设置）</translation>
    </message>
    <message>
        <source>no label printer is set up</source>
        <translation>未设置标签打印机</translation>
    </message>
    <message>
        <source>The scale on {port} sends data Packdesk cannot read: {why} Check the scale&apos;s output format in Settings.</source>
        <translation>{port} 上的电子秤发来的数据 Packdesk 无法识别：{why} 请在“设置”中检查电子秤的输出格式。</translation>
    </message>
    <message>
        <source>The scale sent a line far too long to be a weight.</source>
        <translation>电子秤发来的一行数据太长，不可能是重量。</translation>
    </message>
    <message>
        <source>The scale sent bytes that are not text.</source>
        <translation>电子秤发来的数据不是文本。</translation>
    </message>
    <message>
        <source>The scale sends weights in an unknown unit &apos;{unit}&apos;.</source>
        <translation>电子秤使用了未知的重量单位“{unit}”。</translation>
    </message>
    <message>
        <source>The scale sent &apos;{text}&apos;, which is not a number.</source>
        <translation>电子秤发来“{text}”，不是数字。</translation>
    </message>
    <message>
        <source>The scale sent a weight too large to be real.</source>
        <translation>电子秤发来的重量大得不真实。</translation>
    </message>
    <message>
        <source>The scale sent an empty line.</source>
        <translation>电子秤发来一个空行。</translation>
    </message>
    <message>
        <source>The scale is busy (still settling or running another command). Weigh again.</source>
        <translation>电子秤忙碌中（仍在稳定或正在执行其他命令）。请重新称重。</translation>
    </message>
    <message>
        <source>The scale reads less than zero (underload). Empty the pan and zero the scale.</source>
        <translation>电子秤读数小于零（欠载）。请清空秤盘并归零。</translation>
    </message>
    <message>
        <source>The scale did not understand the command (ES). Check the protocol in Settings.</source>
        <translation>电子秤无法识别命令（ES）。请在“设置”中检查协议。</translation>
    </message>
    <message>
        <source>The scale reported a transmission error (ET). Check the cable and the baud rate.</source>
        <translation>电子秤报告传输错误（ET）。请检查连接线和波特率。</translation>
    </message>
    <message>
        <source>The scale reported a logical error (EL). Check the protocol in Settings.</source>
        <translation>电子秤报告逻辑错误（EL）。请在“设置”中检查协议。</translation>
    </message>
    <message>
        <source>The scale sent &apos;{text}&apos;, which is not an MT-SICS weight.</source>
        <translation>电子秤发来“{text}”，不是 MT-SICS 重量。</translation>
    </message>
    <message>
        <source>The scale sent &apos;{text}&apos;, which is not a weight line like &apos;ST,GS,+1.234kg&apos;.</source>
        <translation>电子秤发来“{text}”，不是“ST,GS,+1.234kg”这样的重量行。</translation>
    </message>
    <message>
        <source>The scale sent {count} bytes; a CAS frame has 22.</source>
        <translation>电子秤发来 {count} 个字节；CAS 数据帧应为 22 个字节。</translation>
    </message>
    <message>
        <source>The scale sent a frame without the commas of the CAS format.</source>
        <translation>电子秤发来的数据帧缺少 CAS 格式的逗号。</translation>
    </message>
    <message>
        <source>The scale sent state &apos;{state}&apos;; a CAS frame has ST, US or OL.</source>
        <translation>电子秤发来状态“{state}”；CAS 数据帧的状态应为 ST、US 或 OL。</translation>
    </message>
    <message>
        <source>The scale sent &apos;{kind}&apos;; a CAS frame has GS (gross) or NT (net).</source>
        <translation>电子秤发来“{kind}”；CAS 数据帧应为 GS（毛重）或 NT（净重）。</translation>
    </message>
    <message>
        <source>The scale sent a CAS frame without the blank before the unit.</source>
        <translation>电子秤发来的 CAS 数据帧在单位前缺少空格。</translation>
    </message>
    <message>
        <source>The scale sent &apos;{text}&apos;, which is not a weight.</source>
        <translation>电子秤发来“{text}”，不是重量。</translation>
    </message>
    <message>
        <source>The scanner on {port} sent {count} bytes or more without a line end, which is not a barcode; they were ignored. Check the scanner&apos;s baud rate and that its suffix is set to CR or LF.</source>
        <translation>{port} 上的扫描枪发来 {count} 个或更多字节却没有换行，这不是条码，已忽略。请检查扫描枪的波特率，并确认后缀设为 CR 或 LF。</translation>
    </message>
    <message>
        <source>The scanner on {port} sent bytes that are not text (invalid UTF-8); the scan was ignored. Check the scanner&apos;s interface setting (USB-COM, UTF-8) and scan again.</source>
        <translation>{port} 上的扫描枪发来的数据不是文本（无效的 UTF-8），这次扫描已忽略。请检查扫描枪的接口设置（USB-COM、UTF-8）后重新扫描。</translation>
    </message>
    <message>
        <source>{problem} Packdesk keeps trying and reconnects by itself.</source>
        <translation>{problem}Packdesk 会不断重试，设备恢复后自动重新连接。</translation>
    </message>
    <message>
        <source>The scanner on {port} was disconnected. Check that it is plugged in and switched on; Packdesk reconnects by itself when it is back.</source>
        <translation>{port} 上的扫描枪已断开。请检查是否已插好并开机；设备恢复后 Packdesk 会自动重新连接。</translation>
    </message>
    <message>
        <source>SF Express</source>
        <extracomment>The built-in carriers&apos; names (their Chinese is the carrier&apos;s own Chinese name).</extracomment>
        <translation>顺丰速运</translation>
    </message>
    <message>
        <source>ZTO Express</source>
        <translation>中通快递</translation>
    </message>
    <message>
        <source>YTO Express</source>
        <translation>圆通速递</translation>
    </message>
    <message>
        <source>STO Express</source>
        <translation>申通快递</translation>
    </message>
    <message>
        <source>Yunda Express</source>
        <translation>韵达快递</translation>
    </message>
    <message>
        <source>JD Logistics</source>
        <translation>京东物流</translation>
    </message>
    <message>
        <source>China Post EMS</source>
        <translation>中国邮政 EMS</translation>
    </message>
    <message>
        <source>J&amp;T Express</source>
        <translation>极兔速递</translation>
    </message>
    <message>
        <source>UPS</source>
        <translation>UPS 联合包裹</translation>
    </message>
    <message>
        <source>USPS</source>
        <translation>美国邮政 USPS</translation>
    </message>
    <message>
        <source>FedEx</source>
        <translation>联邦快递 FedEx</translation>
    </message>
    <message>
        <source>DHL Express</source>
        <translation>DHL 国际快递</translation>
    </message>
    <message>
        <source>SF followed by 12 or 13 digits</source>
        <translation>SF 加 12 或 13 位数字</translation>
    </message>
    <message>
        <source>12 digits (older waybills)</source>
        <translation>12 位数字（旧面单）</translation>
    </message>
    <message>
        <source>12 or 14 digits starting with 2, 3, 5, 6 or 7</source>
        <translation>以 2、3、5、6 或 7 开头的 12 或 14 位数字</translation>
    </message>
    <message>
        <source>YT followed by 13 digits</source>
        <translation>YT 加 13 位数字</translation>
    </message>
    <message>
        <source>2 letters or digits followed by 8 digits (older waybills)</source>
        <translation>2 位字母或数字加 8 位数字（旧面单）</translation>
    </message>
    <message>
        <source>12 to 15 digits starting with 77, 88, 66, 55, 268, 368, 468, 568, 668, 768, 868 or 968</source>
        <translation>以 77、88、66、55、268、368、468、568、668、768、868 或 968 开头的 12 到 15 位数字</translation>
    </message>
    <message>
        <source>13 or 15 digits starting with 1, 3, 4 or 5</source>
        <translation>以 1、3、4 或 5 开头的 13 或 15 位数字</translation>
    </message>
    <message>
        <source>JD followed by 2 letters or digits and 11 digits (JD0012345678901, JDVA11408814483)</source>
        <translation>JD 加 2 位字母或数字再加 11 位数字（JD0012345678901、JDVA11408814483）</translation>
    </message>
    <message>
        <source>13 digits starting with 1, 4, 5 or 9 (domestic EMS and China Post parcels)</source>
        <translation>以 1、4、5 或 9 开头的 13 位数字（国内 EMS 和中国邮政包裹）</translation>
    </message>
    <message>
        <source>2 letters, 8 digits, a check digit and {country} (UPU S10)</source>
        <translation>2 位字母、8 位数字、1 位校验位再加 {country}（UPU S10）</translation>
    </message>
    <message>
        <source>JT followed by 13 digits</source>
        <translation>JT 加 13 位数字</translation>
    </message>
    <message>
        <source>1Z followed by 15 letters or digits and a check digit</source>
        <translation>1Z 加 15 位字母或数字再加 1 位校验位</translation>
    </message>
    <message>
        <source>22 or 26 digits starting with 91 to 95 (IMpb)</source>
        <translation>以 91 到 95 开头的 22 或 26 位数字（IMpb）</translation>
    </message>
    <message>
        <source>{count} digits</source>
        <translation>{count} 位数字</translation>
    </message>
    <message>
        <source>12 digits (Express)</source>
        <translation>12 位数字（Express）</translation>
    </message>
    <message>
        <source>15 digits (Ground)</source>
        <translation>15 位数字（Ground）</translation>
    </message>
    <message>
        <source>22 digits starting with 96 (Ground)</source>
        <translation>以 96 开头的 22 位数字（Ground）</translation>
    </message>
    <message>
        <source>a number matching {pattern}</source>
        <translation>符合 {pattern} 的号码</translation>
    </message>
    <message>
        <source>{rule}, or {other}</source>
        <extracomment>Formats one after another: &quot;SF followed by 12 or 13 digits, or 12 digits (older waybills)&quot;.</extracomment>
        <translation>{rule}，或 {other}</translation>
    </message>
    <message>
        <source>{items} or {last}</source>
        <extracomment>The last of several choices: &quot;2, 3, 5, 6 or 7&quot;, &quot;1 or 3&quot;.</extracomment>
        <translation>{items} 或 {last}</translation>
    </message>
    <message>
        <source>{number} is not a valid {carrier} tracking number: {why}.</source>
        <translation>{number} 不是有效的 {carrier} 运单号：{why}。</translation>
    </message>
    <message>
        <source>An empty scan is not a valid {carrier} tracking number: scan the barcode or type the number again.</source>
        <translation>扫描内容为空，不是有效的 {carrier} 运单号：请重新扫描条码或输入单号。</translation>
    </message>
    <message>
        <source>wrong check digit (expected {expected})</source>
        <translation>校验位错误（应为 {expected}）</translation>
    </message>
    <message>
        <source>it has 1 character, but it must be {rule}</source>
        <translation>只有 1 个字符，但应为 {rule}</translation>
    </message>
    <message>
        <source>it has {count} characters, but it must be {rule}</source>
        <translation>有 {count} 个字符，但应为 {rule}</translation>
    </message>
    <message>
        <source>it must start with {prefixes}</source>
        <translation>应以 {prefixes} 开头</translation>
    </message>
    <message>
        <source>it contains &apos;{char}&apos;, which is not allowed there; it must be {rule}</source>
        <translation>包含不允许出现在该位置的字符“{char}”；应为 {rule}</translation>
    </message>
    <message>
        <source>it has {count} characters, and a tracking number has at most {limit}</source>
        <translation>有 {count} 个字符，而运单号最多 {limit} 个字符</translation>
    </message>
    <message>
        <source>it must be {rule}</source>
        <translation>应为 {rule}</translation>
    </message>
    <message>
        <source>There is no carrier with the code &apos;{code}&apos;; the known codes are {known}.</source>
        <translation>没有代码为“{code}”的快递公司；已知的代码有 {known}。</translation>
    </message>
    <message>
        <source>The code {code} already belongs to the built-in carrier {carrier}; choose another code for a custom carrier.</source>
        <translation>代码 {code} 已属于内置快递公司 {carrier}；请为自定义快递公司另选一个代码。</translation>
    </message>
    <message>
        <source>The carrier code &apos;{code}&apos; is not usable: use 1 to {limit} letters, digits, &apos;-&apos; or &apos;_&apos;.</source>
        <translation>快递公司代码“{code}”不可用：请用 1 到 {limit} 个字母、数字、“-”或“_”。</translation>
    </message>
    <message>
        <source>The custom carrier {code} needs a name.</source>
        <translation>自定义快递公司 {code} 需要一个名称。</translation>
    </message>
    <message>
        <source>The tracking-number pattern for carrier {code} is empty.</source>
        <translation>快递公司 {code} 的运单号规则为空。</translation>
    </message>
    <message>
        <source>The tracking-number pattern &apos;{pattern}&apos; for carrier {code} is not a valid regular expression: {error}.</source>
        <translation>快递公司 {code} 的运单号规则“{pattern}”不是有效的正则表达式：{error}。</translation>
    </message>
    <message>
        <source>The tracking-number pattern &apos;{pattern}&apos; for carrier {code} is not a valid regular expression: {error} at position {position}.</source>
        <translation>快递公司 {code} 的运单号规则“{pattern}”不是有效的正则表达式：第 {position} 位 {error}。</translation>
    </message>
    <message>
        <source>The tracking-number pattern &apos;{pattern}&apos; for carrier {code} cannot be used ({error}): patterns are matched in linear time, so back-references (\1), look-ahead and look-behind ((?=…), (?!…), (?&lt;=…), (?&lt;!…)), atomic groups, possessive quantifiers and \Z are not allowed.</source>
        <translation>快递公司 {code} 的运单号规则“{pattern}”无法使用（{error}）：规则按线性时间匹配，因此不允许反向引用（\1）、前瞻和后顾（(?=…)、(?!…)、(?&lt;=…)、(?&lt;!…)）、原子组、占有量词和 \Z。</translation>
    </message>
    <message>
        <source>there is no order {order}</source>
        <translation>没有订单 {order}</translation>
    </message>
    <message>
        <source>order no {order} exists in several shops ({shops}); name the shop</source>
        <translation>订单号 {order} 在多个店铺中都有（{shops}）；请指明店铺</translation>
    </message>
    <message>
        <source>the parcel number must be 1 or more</source>
        <translation>包裹序号至少为 1</translation>
    </message>
    <message>
        <source>order {order} has no parcel {parcel} (it has {count})</source>
        <translation>订单 {order} 没有包裹 {parcel}（共有 {count} 个包裹）</translation>
    </message>
    <message>
        <source>order {order} is {status}: a tracking number is bound from review until the order ships</source>
        <translation>订单 {order} 当前为{status}：运单号只能在审单后、发货前绑定</translation>
    </message>
    <message>
        <source>say why the tracking number is changed (e.g. label damaged)</source>
        <translation>请说明更换运单号的原因（例如面单损坏）</translation>
    </message>
    <message>
        <source>order {order} has no carrier; choose its carrier first</source>
        <translation>订单 {order} 没有快递公司；请先选择快递公司</translation>
    </message>
    <message>
        <source>tracking number {number} is already bound to order {order}, parcel {parcel}</source>
        <translation>运单号 {number} 已绑定到订单 {order} 的包裹 {parcel}</translation>
    </message>
    <message>
        <source>parcel {parcel} of order {order} already has tracking number {number}; changing it is a supervisor&apos;s rebind, with a reason</source>
        <extracomment>The parcel has another number: a supervisor&apos;s rebind (the bind station offers F6/F9 here).</extracomment>
        <translation>订单 {order} 的包裹 {parcel} 已有运单号 {number}；更换需由主管填写原因后重新绑定</translation>
    </message>
    <message>
        <source>carrier {carrier} changed while the numbers were checked; nothing was saved, try again</source>
        <translation>核对单号期间快递公司 {carrier} 的设置已更改；未保存任何内容，请重试</translation>
    </message>
    <message>
        <source>tracking number {number} from the pool was used already</source>
        <translation>单号池中的运单号 {number} 已被使用</translation>
    </message>
    <message>
        <source>the {carrier} number pool is empty: import the carrier&apos;s file of waybill numbers or bind a pre-printed label</source>
        <translation>{carrier} 单号池已用完：请导入快递公司的面单号文件，或绑定预印面单</translation>
    </message>
    <message>
        <source>every free {carrier} number ({leased}) is leased to the stations: import the carrier&apos;s file of waybill numbers or bind a pre-printed label</source>
        <translation>{carrier} 的空闲单号（{leased} 个）都已分配给各工作站：请导入快递公司的面单号文件，或绑定预印面单</translation>
    </message>
    <message>
        <source>station {station} has no {carrier} numbers left: connect it to the central database to lease more, or bind a pre-printed label</source>
        <translation>工作站 {station} 的 {carrier} 单号已用完：请连接中心数据库领取更多单号，或绑定预印面单</translation>
    </message>
    <message>
        <source>could not take a number from the {carrier} pool; try again</source>
        <translation>未能从 {carrier} 单号池取到单号；请重试</translation>
    </message>
    <message>
        <source>cannot read the pool file {file}: {reason}</source>
        <translation>无法读取单号池文件 {file}：{reason}</translation>
    </message>
    <message>
        <source>pool file {file}: {problem}</source>
        <translation>单号池文件 {file}：{problem}</translation>
    </message>
    <message>
        <source>pool file {file}: no tracking numbers in the file</source>
        <translation>单号池文件 {file}：文件中没有运单号</translation>
    </message>
    <message>
        <source>the pool file has no tracking_no column (or 运单号); one number per line works too</source>
        <translation>单号池文件没有 tracking_no 列（或“运单号”列）；也可以每行写一个单号</translation>
    </message>
    <message>
        <source>{number} is in the file twice (first in row {first})</source>
        <translation>{number} 在文件中出现了两次（第一次在第 {first} 行）</translation>
    </message>
    <message>
        <source>no free numbers of {carrier} left to lease to station {station}: import the carrier&apos;s file of waybill numbers on the central database</source>
        <translation>没有可分配给工作站 {station} 的 {carrier} 空闲单号：请在中心数据库导入快递公司的面单号文件</translation>
    </message>
    <message>
        <source>a lease of waybill numbers needs the station&apos;s name</source>
        <translation>分配面单号需要工作站名称</translation>
    </message>
    <message>
        <source>this is station {station}&apos;s database: waybill numbers are leased from the central database only</source>
        <translation>这是工作站 {station} 的数据库：面单号只能从中心数据库分配</translation>
    </message>
    <message>
        <source>this database belongs to station {here}: the {carrier} numbers leased to station {station} were not put here</source>
        <translation>此数据库属于工作站 {here}：分配给工作站 {station} 的 {carrier} 单号未存入此处</translation>
    </message>
    <message>
        <source>status file {file}: {problem}</source>
        <translation>物流状态文件 {file}：{problem}</translation>
    </message>
    <message>
        <source>status file {file}: the header row lacks {missing} (the columns are tracking_no, status, time)</source>
        <translation>物流状态文件 {file}：表头缺少 {missing}（列为 tracking_no、status、time）</translation>
    </message>
    <message>
        <source>unknown tracking status &apos;{word}&apos;; use one of {known} (or 已签收 …)</source>
        <translation>未知的物流状态“{word}”；请用 {known} 之一（或“已签收”等）</translation>
    </message>
    <message>
        <source>not a time: &apos;{text}&apos; (write 2026-11-20 14:03 or 2026-11-20 14:03:00)</source>
        <translation>不是时间：“{text}”（请写成 2026-11-20 14:03 或 2026-11-20 14:03:00）</translation>
    </message>
    <message>
        <source>--rebind needs --reason (e.g. --reason &apos;label damaged&apos;)</source>
        <translation>--rebind 需要同时给出 --reason（例如 --reason &apos;面单损坏&apos;）</translation>
    </message>
    <message>
        <source>order {order} has no carrier; say which one (e.g. --carrier SF)</source>
        <translation>订单 {order} 没有快递公司；请指明是哪一家（例如 --carrier SF）</translation>
    </message>
    <message>
        <source>the {carrier} number pool is empty: import the carrier&apos;s file of waybill numbers (packdesk carriers pool import {carrier} FILE) or bind a pre-printed label</source>
        <translation>{carrier} 单号池已用完：请导入快递公司的面单号文件（packdesk carriers pool import {carrier} 文件），或绑定预印面单</translation>
    </message>
    <message>
        <source>this database is not a station&apos;s: the {carrier} numbers leased to station {station} were not put here (`packdesk station init` makes a station)</source>
        <translation>这个数据库不是工作站数据库：租给工作站 {station} 的 {carrier} 运单号没有放进来（用 `packdesk station init` 初始化工作站）</translation>
    </message>
    <message>
        <source>{database} is a SQLite file and has no database roles; protect the file itself (only the station&apos;s own user may write it)</source>
        <translation>{database} 是 SQLite 文件，没有数据库角色；请保护文件本身（只允许本工作站的系统用户写入）</translation>
    </message>
    <message>
        <source>{user} does not own the tables of {database}; only their owner {owner} may grant, revoke or list the application&apos;s roles</source>
        <translation>{user} 不是 {database} 中各表的所有者；只有所有者 {owner} 才能授予、收回或列出应用程序角色</translation>
    </message>
    <message>
        <source>the database server has no role named {role}; create it first, with LOGIN</source>
        <translation>数据库服务器上没有名为 {role} 的角色；请先创建该角色（带 LOGIN）</translation>
    </message>
    <message>
        <source>the role {role} is a superuser and may do anything whatever it is granted; the application needs a role without SUPERUSER</source>
        <translation>角色 {role} 是超级用户，无论授予什么权限都能做任何操作；应用程序需要一个不带 SUPERUSER 的角色</translation>
    </message>
    <message>
        <source>the role {role} owns {database}, its schema or tables, or may act as their owner; the application needs a role of its own that owns nothing</source>
        <translation>角色 {role} 拥有 {database}、其模式或其中的表，或可以以所有者身份操作；应用程序需要一个不拥有任何对象的专用角色</translation>
    </message>
    <message>
        <source>the database {database} is at revision {current} and this Packdesk needs {head}; {user} does not own its tables, so the owner must migrate it first</source>
        <translation>数据库 {database} 的版本是 {current}，本版 Packdesk 需要 {head}；{user} 不是其中各表的所有者，须由所有者先升级数据库</translation>
    </message>
    <message>
        <source>{user} may not read the database {database}; the owner of its tables must grant {user} the application&apos;s privileges first</source>
        <translation>{user} 无权读取数据库 {database}；须由其中各表的所有者先给 {user} 授予应用程序权限</translation>
    </message>
    <message>
        <source>none (an empty database)</source>
        <extracomment>The revision of a database no migration has run on yet ({current} above).</extracomment>
        <translation>无（空数据库）</translation>
    </message>
    <message>
        <source>The {field} is too long: at most {limit} characters, this one has {length}.</source>
        <translation>{field}太长：最多 {limit} 个字符，这里有 {length} 个。</translation>
    </message>
    <message>
        <source>SKU code</source>
        <translation>SKU 编码</translation>
    </message>
    <message>
        <source>SKU name</source>
        <translation>SKU 名称</translation>
    </message>
    <message>
        <source>barcode</source>
        <translation>条码</translation>
    </message>
    <message>
        <source>location code</source>
        <translation>库位编码</translation>
    </message>
    <message>
        <source>zone</source>
        <translation>库区</translation>
    </message>
    <message>
        <source>lot code</source>
        <translation>批次号</translation>
    </message>
    <message>
        <source>shop name</source>
        <translation>店铺名称</translation>
    </message>
    <message>
        <source>order number</source>
        <translation>订单号</translation>
    </message>
    <message>
        <source>order note</source>
        <translation>订单备注</translation>
    </message>
    <message>
        <source>carrier code</source>
        <translation>快递公司代码</translation>
    </message>
    <message>
        <source>carrier name</source>
        <translation>快递公司名称</translation>
    </message>
    <message>
        <source>tracking-number pattern</source>
        <translation>运单号规则</translation>
    </message>
    <message>
        <source>tracking number</source>
        <translation>运单号</translation>
    </message>
    <message>
        <source>user name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>badge code</source>
        <translation>工牌码</translation>
    </message>
    <message>
        <source>sender name</source>
        <translation>寄件人姓名</translation>
    </message>
    <message>
        <source>sender phone</source>
        <translation>寄件人电话</translation>
    </message>
    <message>
        <source>sender address</source>
        <translation>寄件人地址</translation>
    </message>
    <message>
        <source>return policy</source>
        <translation>退换货说明</translation>
    </message>
    <message>
        <source>station name</source>
        <translation>工作站名称</translation>
    </message>
    <message>
        <source>printer name</source>
        <translation>打印机名称</translation>
    </message>
    <message>
        <source>file name</source>
        <translation>文件名</translation>
    </message>
    <message>
        <source>&apos;{field}&apos; is not a column of the shipped export; the columns are {known}.</source>
        <translation>“{field}”不是发货回传导出的列；可用的列为 {known}。</translation>
    </message>
    <message>
        <source>&apos;{part}&apos; is not a column mapping: write HEADER=column, e.g. 订单号=order_no.</source>
        <translation>“{part}”不是列对应关系：请写成 表头=列，例如 订单号=order_no。</translation>
    </message>
    <message>
        <source>The header &apos;{header}&apos; is given twice in the column mapping.</source>
        <translation>列对应关系中表头“{header}”出现了两次。</translation>
    </message>
    <message>
        <source>The column mapping names no column; write e.g. 订单号=order_no,物流公司=carrier_name,运单号=tracking_no.</source>
        <translation>列对应关系中没有任何列；请写成例如 订单号=order_no,物流公司=carrier_name,运单号=tracking_no。</translation>
    </message>
    <message>
        <source>The header &apos;{header}&apos; is too long: at most {limit} characters.</source>
        <translation>表头“{header}”太长：最多 {limit} 个字符。</translation>
    </message>
    <message>
        <source>{rows} parcels exported to {file}.</source>
        <translation>已导出 {rows} 个包裹到 {file}。</translation>
    </message>
    <message>
        <source>No parcel shipped since the last export; {file} holds the header only.</source>
        <translation>上次导出后没有新发货的包裹；{file} 只有表头。</translation>
    </message>
    <message>
        <source>--since: &apos;{text}&apos; is not a time (write 2026-12-01 or 2026-12-01 14:00).</source>
        <translation>--since：“{text}”不是时间（请写 2026-12-01 或 2026-12-01 14:00）。</translation>
    </message>
    <message>
        <source>The number of days must be 0 or more, not {days}.</source>
        <translation>天数必须为 0 或以上，不能是 {days}。</translation>
    </message>
    <message>
        <source>{n} delivered orders completed.</source>
        <translation>已完成 {n} 个已签收订单。</translation>
    </message>
    <message>
        <source>The carrier rules file {file} lacks the columns {missing} (it needs shop,province,min_g,max_g,fragile,carrier).</source>
        <translation>快递选择规则文件 {file} 缺少列 {missing}（需要 shop,province,min_g,max_g,fragile,carrier）。</translation>
    </message>
    <message>
        <source>The carrier rules file {file} cannot be read: {problem}</source>
        <translation>无法读取快递选择规则文件 {file}：{problem}</translation>
    </message>
    <message>
        <source>The carrier rules file {file} has {n} problems; the rules are unchanged:</source>
        <translation>快递选择规则文件 {file} 有 {n} 个问题；规则未改变：</translation>
    </message>
    <message>
        <source>the carrier is missing (it is what the rule chooses)</source>
        <translation>缺少快递公司（规则要选择的就是它）</translation>
    </message>
    <message>
        <source>{column} must be a whole number of grams (or blank for any), not &apos;{value}&apos;</source>
        <translation>{column} 必须是整数克数（留空表示任意），不能是“{value}”</translation>
    </message>
    <message>
        <source>min_g {min_g} is more than max_g {max_g}: no parcel weighs that</source>
        <translation>min_g {min_g} 大于 max_g {max_g}：没有包裹是这个重量</translation>
    </message>
    <message>
        <source>fragile must be yes, no or blank (any), not &apos;{value}&apos;</source>
        <translation>fragile 必须是 yes、no 或留空（任意），不能是“{value}”</translation>
    </message>
    <message>
        <source>any</source>
        <translation>任意</translation>
    </message>
    <message>
        <source>order {order} is {status}: too late to cancel — if the buyer sends it back, it is a return</source>
        <translation>订单 {order} 状态为{status}：已无法取消 — 买家寄回时按退货处理</translation>
    </message>
    <message>
        <source>order {order} is cancelled already — nothing more to do</source>
        <translation>订单 {order} 已取消 — 无需再操作</translation>
    </message>
    <message>
        <source>order {order} is on hold already — release it first</source>
        <translation>订单 {order} 已挂起 — 请先恢复</translation>
    </message>
    <message>
        <source>order {order} is {status}: it cannot be put on hold — cancel it to ask the carrier for an intercept</source>
        <translation>订单 {order} 状态为{status}：不能挂起 — 取消订单即向快递公司申请拦截</translation>
    </message>
    <message>
        <source>order {order} is {status}, not on hold: nothing to release</source>
        <translation>订单 {order} 状态为{status}，未挂起：无需恢复</translation>
    </message>
    <message>
        <source>order {order} has shipped and its intercept request is on the list already — customer service follows it up with the carrier</source>
        <translation>订单 {order} 已发货，拦截申请已在列表中 — 由客服跟进快递公司</translation>
    </message>
    <message>
        <source>order {order} has no intercepted parcel in the warehouse: nothing to unpack</source>
        <translation>订单 {order} 在仓库里没有被拦截的包裹：无需拆包</translation>
    </message>
    <message>
        <source>intercept: order {order} is {status} — take parcel {number} out, it must not go</source>
        <translation>拦截：订单 {order} {status} — 请把包裹 {number} 拿出来，不能发出</translation>
    </message>
    <message>
        <source>cancelled: order {order} was cancelled — don&apos;t pick it; go to the next task</source>
        <translation>已取消：订单 {order} 已取消 — 不要拣货；请做下一个任务</translation>
    </message>
    <message>
        <source>on hold: order {order} is on hold — don&apos;t pick it now; go to the next task</source>
        <translation>已挂起：订单 {order} 已挂起 — 暂不拣货；请做下一个任务</translation>
    </message>
    <message>
        <source>tracking number {number} was voided when order {order} was cancelled and is never used again — take a new number</source>
        <translation>运单号 {number} 已在订单 {order} 取消时作废，不能再使用 — 请换一个新单号</translation>
    </message>
    <message>
        <source>put-away task {task} not found</source>
        <translation>找不到上架任务 {task}</translation>
    </message>
    <message>
        <source>put-away task {task} was done already by {by} at {at}; take the next one</source>
        <translation>上架任务 {task} 已由 {by} 于 {at} 完成；请做下一个</translation>
    </message>
    <message>
        <source>wrong location: you scanned {scanned}; put task {task} back at {location}</source>
        <translation>库位错误：您扫描的是 {scanned}；任务 {task} 应放回 {location}</translation>
    </message>
    <message>
        <source>wrong item: you scanned {scanned}; task {task} puts back {sku} (lot {lot})</source>
        <translation>商品错误：您扫描的是 {scanned}；任务 {task} 放回的是 {sku}（批次 {lot}）</translation>
    </message>
    <message>
        <source>put away: {qty} × {sku} (lot {lot}) back at {location} — task {task} done</source>
        <translation>已上架：{qty} × {sku}（批次 {lot}）放回 {location} — 任务 {task} 完成</translation>
    </message>
    <message>
        <source>no put-away task is open — nothing to put back</source>
        <translation>没有待上架任务 — 无需放回</translation>
    </message>
    <message>
        <source>task {task}: take {qty} × {sku} (lot {lot}) to {location} — scan the location</source>
        <translation>任务 {task}：把 {qty} × {sku}（批次 {lot}）送到 {location} — 请扫描库位</translation>
    </message>
    <message>
        <source>at {location}: scan one {sku} to confirm {qty} put back on the shelf</source>
        <translation>在 {location}：扫描一件 {sku}，确认 {qty} 件已放回货架</translation>
    </message>
    <message>
        <source>{code} is not a put-away task number</source>
        <translation>{code} 不是上架任务号</translation>
    </message>
    <message>
        <source>there is no handover batch {batch}</source>
        <translation>没有交接批次 {batch}</translation>
    </message>
    <message>
        <source>handover batch {batch} was closed at {at} — start a new batch for this pickup</source>
        <translation>交接批次 {batch} 已于 {at} 关闭——请为这次揽收新建一个批次</translation>
    </message>
    <message>
        <source>handover batch {batch} has {scanned} parcel(s) scanned, the courier counted {counted} — count again before closing</source>
        <translation>交接批次 {batch} 已扫描 {scanned} 个包裹，快递员清点为 {counted} 个——请重新清点后再关闭</translation>
    </message>
    <message>
        <source>handover batch {batch} has no parcel yet — scan the parcels first</source>
        <translation>交接批次 {batch} 还没有包裹——请先扫描包裹</translation>
    </message>
    <message>
        <source>tracking number {number} belongs to no parcel — take the parcel out</source>
        <translation>运单号 {number} 不属于任何包裹——请把包裹拿出来</translation>
    </message>
    <message>
        <source>intercept: waybill {number} was voided at {at} (order {order} changed or was cancelled) — take the parcel out; it needs a new waybill</source>
        <translation>拦截：运单 {number} 已于 {at} 作废（订单 {order} 已修改或已取消）— 请把包裹拿出来，需要重新打印面单</translation>
    </message>
    <message>
        <source>intercept: {status} — take the parcel out (order {order}, {number})</source>
        <translation>拦截：{status}——请把包裹拿出来（订单 {order}，{number}）</translation>
    </message>
    <message>
        <source>order {order} is {status}, not packed — the parcel {number} cannot be handed over</source>
        <translation>订单 {order} 状态为{status}，尚未打包——包裹 {number} 不能交接</translation>
    </message>
    <message>
        <source>the waybill of parcel {parcel} of order {order} was not scanned at the pack station — take it back to be checked</source>
        <translation>订单 {order} 的第 {parcel} 个包裹的面单未在打包台扫描核对——请拿回去核对</translation>
    </message>
    <message>
        <source>parcel {number} goes with {carrier}, this batch is {batch_carrier} — put it aside</source>
        <translation>包裹 {number} 应交给 {carrier}，本批次是 {batch_carrier}——请放到一边</translation>
    </message>
    <message>
        <source>parcel {number} was handed over already in batch {batch} at {at}</source>
        <translation>包裹 {number} 已于 {at} 在批次 {batch} 中交接</translation>
    </message>
    <message>
        <source>parcel {number} is already scanned into batch {batch} (at {at})</source>
        <translation>包裹 {number} 已扫入批次 {batch}（{at}）</translation>
    </message>
    <message>
        <source>Handover batch {batch} for {carrier} started: scan the parcels.</source>
        <translation>{carrier} 交接批次 {batch} 已开始：请扫描包裹。</translation>
    </message>
    <message>
        <source>✔ {number} (order {order}) — {count} in batch {batch}</source>
        <translation>✔ {number}（订单 {order}）——批次 {batch} 共 {count} 件</translation>
    </message>
    <message>
        <source>Batch {batch} closed: {count} parcel(s) handed over to {carrier}, {shipped} order(s) shipped.</source>
        <translation>批次 {batch} 已关闭：{count} 个包裹已交接给 {carrier}，{shipped} 个订单已发货。</translation>
    </message>
    <message>
        <source>Scan or type the carrier first (SF, ZTO, 顺丰 …), or a batch code to go on with it.</source>
        <translation>请先扫描或输入快递公司（SF、ZTO、顺丰……），或扫描批次号继续该批次。</translation>
    </message>
    <message>
        <source>Batch {batch} ({carrier}): {count} parcel(s) so far — scan the next parcel.</source>
        <translation>批次 {batch}（{carrier}）：已有 {count} 个包裹——请扫描下一个包裹。</translation>
    </message>
    <message>
        <source>Batch {batch} left open with {count} parcel(s): scan its code to go on with it.</source>
        <translation>批次 {batch} 保持未关闭，共 {count} 个包裹：扫描批次号即可继续。</translation>
    </message>
    <message>
        <source>No batch is open here: scan the carrier to start one.</source>
        <translation>这里没有未关闭的批次：请扫描快递公司开始新批次。</translation>
    </message>
    <message>
        <source>Manifest saved: {path}</source>
        <translation>交接单已保存：{path}</translation>
    </message>
    <message>
        <source>The manifest was not saved ({why}) — the batch is closed; F11 saves it again.</source>
        <translation>交接单未保存（{why}）——批次已关闭；按 F11 重新保存。</translation>
    </message>
    <message>
        <source>The manifest is being saved: wait a moment, then scan.</source>
        <translation>正在保存交接单：请稍候再扫描。</translation>
    </message>
    <message>
        <source>No batch was closed here yet: no manifest to save again.</source>
        <translation>这里还没有关闭过批次：没有可重新保存的交接单。</translation>
    </message>
    <message>
        <source>{what} needs the central database, and station {station} cannot reach it now ({detail}) — nothing was changed: try again when it answers, or do it on the central database</source>
        <translation>{what}需要中心数据库，而工作站 {station} 现在连不上它（{detail}）— 未做任何更改：等连接恢复后再试，或在中心数据库上执行</translation>
    </message>
    <message>
        <source>creating a wave</source>
        <translation>创建波次</translation>
    </message>
    <message>
        <source>importing a file</source>
        <translation>导入文件</translation>
    </message>
    <message>
        <source>reviewing orders</source>
        <translation>审核订单</translation>
    </message>
    <message>
        <source>cancelling, holding or releasing orders</source>
        <translation>取消、挂起或恢复订单</translation>
    </message>
    <message>
        <source>declaring a short pick (it allocates again)</source>
        <translation>登记缺货（需要重新分配库存）</translation>
    </message>
    <message>
        <source>central database unreachable ({detail}) — {pending} event(s) waiting on this station, nothing lost: they go when it answers again</source>
        <translation>无法连接中心数据库（{detail}）— 本工作站有 {pending} 条事件待同步，没有丢失：连接恢复后自动上传</translation>
    </message>
    <message>
        <source>this database is not a station&apos;s — make it one with `packdesk --db STATION_URL station init --name NAME --central CENTRAL_URL`</source>
        <translation>这个数据库不是工作站数据库 — 用 `packdesk --db STATION_URL station init --name NAME --central CENTRAL_URL` 初始化</translation>
    </message>
    <message>
        <source>this database is station {station}&apos;s already (central: {central}) — use a new file for another station</source>
        <translation>这个数据库已属于工作站 {station}（中心库：{central}）— 其他工作站请用新文件</translation>
    </message>
    <message>
        <source>this database holds {orders} order(s) of its own — a station starts from an empty database: give a new file</source>
        <translation>这个数据库已有 {orders} 个订单 — 工作站必须从空数据库开始：请换一个新文件</translation>
    </message>
    <message>
        <source>the central database must be PostgreSQL ({url} is not) — stations sync through its change log</source>
        <translation>中心数据库必须是 PostgreSQL（{url} 不是）— 工作站通过它的变更日志同步</translation>
    </message>
    <message>
        <source>a station named {station} is registered at the central database already and has synced — choose another name</source>
        <translation>名为 {station} 的工作站已在中心数据库注册并同步过 — 请换一个名称</translation>
    </message>
    <message>
        <source>the station&apos;s database is at schema {station_schema} and the central one at {central_schema} — upgrade the {older} first (`packdesk --db URL db upgrade`, with the newer Packdesk), then sync</source>
        <translation>工作站数据库的结构版本是 {station_schema}，中心数据库是 {central_schema} — 请先升级{older}（用新版 Packdesk 执行 `packdesk --db URL db upgrade`），再同步</translation>
    </message>
    <message>
        <source>station</source>
        <translation>工作站</translation>
    </message>
    <message>
        <source>central database</source>
        <translation>中心数据库</translation>
    </message>
    <message>
        <source>user {user} is not known at the central database (or is disabled there)</source>
        <translation>中心数据库里没有用户 {user}（或已停用）</translation>
    </message>
    <message>
        <source>event {kind} is not one this central database knows — upgrade the central Packdesk</source>
        <translation>中心数据库不认识事件 {kind} — 请升级中心的 Packdesk</translation>
    </message>
    <message>
        <source>event {kind} could not be applied: {error}</source>
        <translation>事件 {kind} 无法执行：{error}</translation>
    </message>
    <message>
        <source>{pending} event(s) of this station are not applied centrally yet — the central changes come once they are</source>
        <translation>本工作站还有 {pending} 条事件未在中心执行 — 执行后再拉取中心的变更</translation>
    </message>
    <message>
        <source>no rejected event {event} waits to be resolved here</source>
        <translation>这里没有待处理的被拒事件 {event}</translation>
    </message>
    <message>
        <source>the station refused this scan but the central rules would take it — it is left out centrally as it was at the station</source>
        <translation>工作站拒绝了这次扫描，但中心规则会接受 — 按工作站的结果，中心不记录这次扫描</translation>
    </message>
    <message>
        <source>{what} needs the central database to have this station&apos;s work first: {pending} event(s) of station {station} are on their way — try again in a moment (or sync now)</source>
        <translation>{what}需要中心数据库先收到本工作站的工作：工作站 {station} 还有 {pending} 条事件正在上传 — 请稍后再试（或立即同步）</translation>
    </message>
    <message>
        <source>order {order} was cancelled while it was packed offline: take parcel {number} off the handover and put its items on the put-away cart</source>
        <translation>订单 {order} 在离线打包期间被取消：把包裹 {number} 从交接中拿出来，商品放到上架车上</translation>
    </message>
    <message>
        <source>no stock count {count}</source>
        <translation>没有盘点单 {count}</translation>
    </message>
    <message>
        <source>no location to count in {scope} — nothing was made</source>
        <translation>{scope} 中没有要盘点的库位 — 未创建任何盘点</translation>
    </message>
    <message>
        <source>every location of {scope} is in a count not approved yet ({counts}) — finish or cancel it first; nothing was made</source>
        <translation>{scope} 的所有库位都在尚未审批的盘点中（{counts}）— 请先完成或取消该盘点；未创建任何盘点</translation>
    </message>
    <message>
        <source>say what to count: one of a zone, a location range, SKUs, an ABC class, locations not counted for N days, or the full warehouse</source>
        <translation>请说明盘点范围：库区、库位区间、SKU、ABC 分类、N 天未盘点的库位或全仓，只能选一种</translation>
    </message>
    <message>
        <source>location range {range}: write it as FROM..TO (e.g. A-01-01-01..A-01-09-09)</source>
        <translation>库位区间 {range}：请写成 起..止（例如 A-01-01-01..A-01-09-09）</translation>
    </message>
    <message>
        <source>no SKU {skus} in the catalogue</source>
        <translation>商品目录中没有 SKU {skus}</translation>
    </message>
    <message>
        <source>a recount threshold cannot be below 0 (got {value})</source>
        <translation>复盘阈值不能小于 0（收到 {value}）</translation>
    </message>
    <message>
        <source>location {location} is not to be counted in {count}</source>
        <translation>库位 {location} 不在盘点单 {count} 中</translation>
    </message>
    <message>
        <source>no location {location}</source>
        <translation>没有库位 {location}</translation>
    </message>
    <message>
        <source>stock count {count} is {status}: nothing more is counted in it</source>
        <translation>盘点单 {count} {status}：不能再盘点</translation>
    </message>
    <message>
        <source>location {location} is counted already in {count} — scan the next location</source>
        <translation>库位 {location} 在 {count} 中已盘完 — 请扫描下一个库位</translation>
    </message>
    <message>
        <source>location {location} is being counted by {counter}</source>
        <translation>库位 {location} 正由 {counter} 盘点</translation>
    </message>
    <message>
        <source>{counter} counted location {location} the first time: a recount is done by someone else</source>
        <translation>{counter} 初盘了库位 {location}：复盘须由其他人进行</translation>
    </message>
    <message>
        <source>{item} is no SKU or barcode of the catalogue — nothing was counted; set the item aside for the supervisor</source>
        <translation>{item} 不是商品目录中的 SKU 或条码 — 未计数；请把该商品放到一边交给主管</translation>
    </message>
    <message>
        <source>{sku} has several lots in {location} ({lots}): scan the lot&apos;s label, then the item</source>
        <translation>{sku} 在 {location} 有多个批次（{lots}）：请先扫描批次标签，再扫商品</translation>
    </message>
    <message>
        <source>a counted quantity is a whole number from 0 up (got {qty})</source>
        <translation>盘点数量须为 0 或以上的整数（收到 {qty}）</translation>
    </message>
    <message>
        <source>{n} location(s) of {count} not counted yet: {locations} — count them (an empty location is started and finished with nothing scanned), then submit</source>
        <translation>{count} 还有 {n} 个库位未盘：{locations} — 请先盘点（空库位：开始后不扫任何商品直接完成），再提交</translation>
    </message>
    <message>
        <source>stock count {count} is {status}: it is approved once counted and submitted</source>
        <translation>盘点单 {count} {status}：盘完并提交后才能审批</translation>
    </message>
    <message>
        <source>lot {lot} of {sku} in {location}: {allocated} unit(s) are promised to pick tasks and only {left} would be left — declare the short picks (or recount) first; nothing was booked</source>
        <translation>{location} 中 {sku} 的批次 {lot}：已有 {allocated} 件分配给拣货任务，调整后只剩 {left} 件 — 请先登记缺货（或复盘）；未做任何库存调整</translation>
    </message>
    <message>
        <source>lot {lot} of {sku} in {location} would go below zero ({on_hand} on hand now, variance {variance}): it moved since it was counted — order a recount; nothing was booked</source>
        <translation>{location} 中 {sku} 的批次 {lot} 将变为负数（现有 {on_hand}，差异 {variance}）：盘点后库存有变动 — 请安排复盘；未做任何库存调整</translation>
    </message>
    <message>
        <source>reason {reason} is not one of {reasons}</source>
        <translation>原因 {reason} 不在 {reasons} 之中</translation>
    </message>
    <message>
        <source>a recount is ordered for counted locations of {count} only: {locations}</source>
        <translation>只能为 {count} 中已盘完的库位安排复盘：{locations}</translation>
    </message>
    <message>
        <source>making, submitting or approving a stock count</source>
        <translation>创建、提交或审批盘点</translation>
    </message>
    <message>
        <source>scan or type the count&apos;s code (e.g. SC000001), then Enter</source>
        <translation>请扫描或输入盘点单号（例如 SC000001），然后按回车</translation>
    </message>
    <message>
        <source>count {count} ({scope}): scan a location to count</source>
        <translation>盘点单 {count}（{scope}）：请扫描要盘点的库位</translation>
    </message>
    <message>
        <source>{count} is {status}: there is nothing to count in it</source>
        <translation>{count} {status}：没有可盘点的内容</translation>
    </message>
    <message>
        <source>{code} is no location: scan the location&apos;s label first</source>
        <translation>{code} 不是库位：请先扫描库位标签</translation>
    </message>
    <message>
        <source>counting {location}: scan every unit (or type a quantity, then the item)</source>
        <translation>正在盘点 {location}：请逐件扫描（或先输入数量再扫商品）</translation>
    </message>
    <message>
        <source>+{qty} {sku} (lot {lot}): {counted} counted here</source>
        <translation>+{qty} {sku}（批次 {lot}）：本库位已盘 {counted}</translation>
    </message>
    <message>
        <source>{qty} units: now scan the item they are of</source>
        <translation>{qty} 件：请扫描对应的商品</translation>
    </message>
    <message>
        <source>{location} is still being counted: F10 finishes it before {scanned}</source>
        <translation>{location} 还在盘点中：请先按 F10 盘完，再盘 {scanned}</translation>
    </message>
    <message>
        <source>{location} done: {units} unit(s) counted; {left} location(s) left — scan the next</source>
        <translation>{location} 盘完：共 {units} 件；还剩 {left} 个库位 — 请扫描下一个</translation>
    </message>
    <message>
        <source>no active user {name} to give locations to</source>
        <translation>没有可分配库位的在职用户 {name}</translation>
    </message>
    <message>
        <source>{name} may not count stock: give the locations to someone else</source>
        <translation>{name} 无权盘点：请把库位分配给其他人</translation>
    </message>
    <message>
        <source>location {location} is {counter}&apos;s to count — scan one of your locations</source>
        <translation>库位 {location} 由 {counter} 盘点 — 请扫描分配给你的库位</translation>
    </message>
    <message>
        <source>ABC boundaries {a} % and {b} %: the first must be above 0 and not above the second, the second not above 100</source>
        <translation>ABC 分界 {a} % 和 {b} %：第一个须大于 0 且不大于第二个，第二个不能超过 100</translation>
    </message>
    <message>
        <source>lot {lot}: now scan the item of it</source>
        <translation>批次 {lot}：请扫描该批次的商品</translation>
    </message>
    <message>
        <source>say whose stock ledger to show: a SKU, a lot code or a location code</source>
        <translation>请指定要查看哪一项的库存流水：SKU、批次号或库位码</translation>
    </message>
    <message>
        <source>there is no SKU {sku} (neither a SKU code nor a barcode) — check the code</source>
        <translation>没有 SKU {sku}（既不是 SKU 编码也不是条码）— 请核对编码</translation>
    </message>
    <message>
        <source>there is no lot {lot} — check the lot code on the label</source>
        <translation>没有批次 {lot} — 请核对标签上的批次号</translation>
    </message>
    <message>
        <source>there is no location {location} — location codes look like A-01-02-03</source>
        <translation>没有库位 {location} — 库位码形如 A-01-02-03</translation>
    </message>
    <message>
        <source>nothing in stock is called {text}: it is no SKU code, barcode, location code or lot code here</source>
        <translation>库存中找不到 {text}：它不是本仓的 SKU 编码、条码、库位码或批次号</translation>
    </message>
    <message>
        <source>the ledger from {since} to {until} cannot have moves: the start is after the end</source>
        <translation>从 {since} 到 {until} 的流水不可能有记录：开始日期晚于结束日期</translation>
    </message>
    <message>
        <source>{field}: &apos;{text}&apos; is not a date (write it as 2026-12-01)</source>
        <translation>{field}：“{text}”不是日期（请写成 2026-12-01）</translation>
    </message>
    <message>
        <source>{rows} rows written to {file}.</source>
        <translation>已写入 {rows} 行到 {file}。</translation>
    </message>
    <message>
        <source>no SKU is below its low-stock threshold</source>
        <translation>没有 SKU 低于补货阈值</translation>
    </message>
    <message>
        <source>no stock move matches (check the dates)</source>
        <translation>没有符合条件的库存流水（请检查日期）</translation>
    </message>
    <message>
        <source>stock count {count} has no round {round} — its rounds are 1 to {last}</source>
        <translation>盘点单 {count} 没有第 {round} 轮 — 只有第 1 到 {last} 轮</translation>
    </message>
</context>
<context>
    <name>OrderDetailDialog</name>
    <message>
        <source>Order {order_no}</source>
        <translation>订单 {order_no}</translation>
    </message>
    <message>
        <source>Shop</source>
        <translation>店铺</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Ordered</source>
        <translation>下单时间</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>已付款</translation>
    </message>
    <message>
        <source>Buyer</source>
        <translation>买家</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Carrier</source>
        <translation>快递公司</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Exception reasons</source>
        <translation>异常原因</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No — not paid</source>
        <translation>否 — 未付款</translation>
    </message>
    <message>
        <source>not chosen yet</source>
        <translation>尚未指定</translation>
    </message>
    <message>
        <source>Lines</source>
        <translation>订单明细</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>品名</translation>
    </message>
    <message>
        <source>Qty</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Gift</source>
        <translation>赠品</translation>
    </message>
</context>
<context>
    <name>OrdersScreen</name>
    <message>
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Enter: order details · Ctrl+F: search · F5: refresh · Ctrl+R: review now · Ctrl+I: import</source>
        <translation>Enter：订单详情 · Ctrl+F：搜索 · F5：刷新 · Ctrl+R：立即审单 · Ctrl+I：导入</translation>
    </message>
    <message>
        <source>{key}: tracking numbers back to the shops</source>
        <translation>{key}：发货回传（运单号回传店铺）</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>Order no., buyer or exact SKU, then Enter</source>
        <translation>订单号、买家或完整 SKU，然后按 Enter</translation>
    </message>
    <message>
        <source>Order no. or exact SKU, then Enter</source>
        <translation>订单号或完整 SKU，然后按 Enter</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Review now</source>
        <translation>立即审单</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <source>Export shipped…</source>
        <translation>导出发货回传…</translation>
    </message>
    <message>
        <source>The tracking numbers of the parcels shipped since the last export, one row per parcel, for the shops&apos; platforms (发货回传)</source>
        <translation>上次导出后已发货包裹的运单号，每个包裹一行，供店铺平台上传（发货回传）</translation>
    </message>
    <message>
        <source>All ({count})</source>
        <translation>全部（{count}）</translation>
    </message>
    <message>
        <source>{shown} orders found</source>
        <translation>找到 {shown} 个订单</translation>
    </message>
    <message>
        <source>Showing {shown} of {total} orders</source>
        <translation>显示 {shown} / {total} 个订单</translation>
    </message>
    <message>
        <source>scroll down for more</source>
        <translation>向下滚动查看更多</translation>
    </message>
    <message>
        <source>No orders match. Change the status or the search.</source>
        <translation>没有符合条件的订单。请更改状态或搜索条件。</translation>
    </message>
    <message>
        <source>Scheduled review ({time}) is checking new orders…</source>
        <translation>定时审单（{time}）正在检查新订单…</translation>
    </message>
    <message>
        <source>Reviewing new orders…</source>
        <translation>正在审核新订单…</translation>
    </message>
    <message>
        <source>Review finished: there were no new orders to check.</source>
        <translation>审单完成：没有需要审核的新订单。</translation>
    </message>
    <message>
        <source>Review finished: {checked} checked, {reviewed} reviewed, {exceptions} exceptions.</source>
        <translation>审单完成：检查 {checked} 单，通过 {reviewed} 单，转异常 {exceptions} 单。</translation>
    </message>
    <message>
        <source>Most common reasons: {reasons}.</source>
        <translation>最常见原因：{reasons}。</translation>
    </message>
    <message>
        <source>Export shipped parcels</source>
        <translation>导出已发货包裹</translation>
    </message>
    <message>
        <source>CSV (*.csv);;Excel workbook (*.xlsx)</source>
        <translation>CSV (*.csv);;Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Exporting the shipped parcels…</source>
        <translation>正在导出已发货包裹…</translation>
    </message>
</context>
<context>
    <name>OrdersTableModel</name>
    <message>
        <source>Order no.</source>
        <translation>订单号</translation>
    </message>
    <message>
        <source>Shop</source>
        <translation>店铺</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Ordered</source>
        <translation>下单时间</translation>
    </message>
    <message>
        <source>Buyer</source>
        <translation>买家</translation>
    </message>
    <message>
        <source>City</source>
        <translation>城市</translation>
    </message>
    <message>
        <source>Carrier</source>
        <translation>快递公司</translation>
    </message>
    <message>
        <source>Lines</source>
        <translation>行数</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>件数</translation>
    </message>
    <message>
        <source>Exception reasons</source>
        <translation>异常原因</translation>
    </message>
</context>
<context>
    <name>PackLinesModel</name>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Ordered</source>
        <translation>订购</translation>
    </message>
    <message>
        <source>Scanned</source>
        <translation>已扫描</translation>
    </message>
    <message>
        <source>Lot</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>gift</source>
        <translation>赠品</translation>
    </message>
    <message>
        <source>fragile</source>
        <translation>易碎</translation>
    </message>
</context>
<context>
    <name>PackScreen</name>
    <message>
        <source>Pack · station {station}</source>
        <translation>打包 · 打包台 {station}</translation>
    </message>
    <message>
        <source>Scale</source>
        <translation>电子秤</translation>
    </message>
    <message>
        <source>Order {order}</source>
        <translation>订单 {order}</translation>
    </message>
    <message>
        <source>{n} / {m} items</source>
        <translation>{n} / {m} 件</translation>
    </message>
    <message>
        <source>{shop} · {status} · parcel {n} of {m}</source>
        <translation>{shop} · {status} · 包裹 {n} / {m}</translation>
    </message>
    <message>
        <source>⚠ FRAGILE · damage check done</source>
        <translation>⚠ 易碎 · 已检查无破损</translation>
    </message>
    <message>
        <source>⚠ FRAGILE · check for damage (F3)</source>
        <translation>⚠ 易碎 · 请检查有无破损（F3）</translation>
    </message>
    <message>
        <source>Buyer&apos;s note: {note}</source>
        <translation>买家留言：{note}</translation>
    </message>
    <message>
        <source>Inserts (scan each): {inserts}</source>
        <translation>附件（逐个扫描）：{inserts}</translation>
    </message>
    <message>
        <source>Scan the supervisor&apos;s badge</source>
        <translation>扫描主管工牌</translation>
    </message>
    <message>
        <source>Reason, e.g. the SKU&apos;s weight is wrong</source>
        <translation>原因，例如 SKU 重量有误</translation>
    </message>
    <message>
        <source>Damaged item: scan it to take it out of the parcel (Esc cancels)</source>
        <translation>破损商品：扫描它，将其从包裹中取出（Esc 取消）</translation>
    </message>
    <message>
        <source>Scan the damaged item</source>
        <translation>扫描破损商品</translation>
    </message>
    <message>
        <source>Printing the waybill…</source>
        <translation>正在打印面单…</translation>
    </message>
    <message>
        <source>Scan here</source>
        <translation>在此扫描</translation>
    </message>
    <message>
        <source>Stick on the waybill and scan it (parcel {n})</source>
        <translation>贴上面单并扫描（包裹 {n}）</translation>
    </message>
    <message>
        <source>Scan the printed waybill</source>
        <translation>扫描打印出的面单</translation>
    </message>
    <message>
        <source>Wave {wave}: scan or type the slot number</source>
        <translation>波次 {wave}：请扫描或输入格口号</translation>
    </message>
    <message>
        <source>Slot number</source>
        <translation>格口号</translation>
    </message>
    <message>
        <source>This order must not be packed: F8 puts it aside</source>
        <translation>此订单不能打包：按 F8 暂放</translation>
    </message>
    <message>
        <source>Scan each item</source>
        <translation>逐件扫描商品</translation>
    </message>
    <message>
        <source>Quantity {n}: now scan the item</source>
        <translation>数量 {n}：现在扫描商品</translation>
    </message>
    <message>
        <source>No box or bag yet: scan one ({codes})</source>
        <translation>还没有选包装：请扫描（{codes}）</translation>
    </message>
    <message>
        <source>Supervisor: scan your badge (Esc cancels)</source>
        <translation>主管：请扫描工牌（Esc 取消）</translation>
    </message>
    <message>
        <source>Esc/CLEAR acknowledge · F2 undo · F3 damage checked · F4 weigh · F6 insert · F7 damaged out · F8 aside · F9 accept weight · F10 close &amp; print (Shift: one of several) · digits: quantity · box/bag code: packaging</source>
        <translation>Esc/CLEAR 确认 · F2 撤销 · F3 破损已检 · F4 称重 · F6 附件 · F7 取出破损 · F8 暂放 · F9 主管放行重量 · F10 封箱打单（Shift：多包裹之一）· 数字：数量 · 箱/袋编码：包装</translation>
    </message>
    <message>
        <source>{name}: type the reason, then Enter (Esc cancels)</source>
        <translation>{name}：输入原因，然后回车（Esc 取消）</translation>
    </message>
    <message>
        <source>Scan the order, its waybill, or the single item</source>
        <translation>扫描订单号、面单，或单件单的商品</translation>
    </message>
    <message>
        <source>All scanned: scan the box or bag, weigh (F4), close (F10)</source>
        <translation>已全部扫描：扫描纸箱或快递袋，称重（F4），封箱（F10）</translation>
    </message>
    <message>
        <source>All scanned: weigh (F4), then close (F10)</source>
        <translation>已全部扫描：称重（F4），然后封箱（F10）</translation>
    </message>
    <message>
        <source>{name} today: {orders} orders · {units} items · {rate}/h</source>
        <translation>{name} 今日：{orders} 单 · {units} 件 · {rate} 件/小时</translation>
    </message>
    <message>
        <source>No scale at this station: packing is blocked — set up the scale</source>
        <translation>本打包台没有电子秤：不能打包 — 请设置电子秤</translation>
    </message>
    <message>
        <source>No scale at this station: F4 records the parcel as not weighed</source>
        <translation>本打包台没有电子秤：按 F4 将包裹记录为未称重</translation>
    </message>
    <message>
        <source>Waiting for the scale…</source>
        <translation>等待电子秤…</translation>
    </message>
    <message>
        <source>Overload</source>
        <translation>超载</translation>
    </message>
    <message>
        <source>Take the parcel off the scale</source>
        <translation>请把包裹从秤上拿下</translation>
    </message>
    <message>
        <source>Steady: F4 weighs</source>
        <translation>读数稳定：按 F4 称重</translation>
    </message>
    <message>
        <source>Settling…</source>
        <translation>读数稳定中…</translation>
    </message>
    <message>
        <source>Expected {g}</source>
        <translation>预计 {g}</translation>
    </message>
    <message>
        <source>Packaging {name} ({tare})</source>
        <translation>包装 {name}（{tare}）</translation>
    </message>
    <message>
        <source>⚠ Not weighed: no scale at this station</source>
        <translation>⚠ 未称重：本打包台没有电子秤</translation>
    </message>
    <message>
        <source>✔ Weighed {g}</source>
        <translation>✔ 称重 {g}</translation>
    </message>
    <message>
        <source>✖ Weighed {g}</source>
        <translation>✖ 称重 {g}</translation>
    </message>
</context>
<context>
    <name>PickScreen</name>
    <message>
        <source>Location empty</source>
        <extracomment>The short-pick reasons (stored in English, app.stations.pick.SHORT_REASONS) in words.</extracomment>
        <translation>库位为空</translation>
    </message>
    <message>
        <source>Damaged</source>
        <translation>破损</translation>
    </message>
    <message>
        <source>Not found</source>
        <translation>找不到</translation>
    </message>
    <message>
        <source>Pick</source>
        <translation>拣货</translation>
    </message>
    <message>
        <source>Scan into the field below; the scanner presses Enter · {key}: short pick</source>
        <translation>在下方输入框扫描，扫描枪会自动回车 · {key}：缺货</translation>
    </message>
    <message>
        <source>Scan here</source>
        <translation>在此扫描</translation>
    </message>
    <message>
        <source>Short pick ({key})</source>
        <translation>缺货 ({key})</translation>
    </message>
    <message>
        <source>Scan the wave barcode</source>
        <translation>请扫描波次条码</translation>
    </message>
    <message>
        <source>Go to {location} and scan the location</source>
        <translation>请到 {location} 并扫描库位</translation>
    </message>
    <message>
        <source>Scan the item</source>
        <translation>请扫描商品</translation>
    </message>
    <message>
        <source>Scan each unit, or type the quantity and press Enter</source>
        <translation>逐件扫描，或输入数量后按回车</translation>
    </message>
    <message>
        <source>SKU {sku}</source>
        <translation>SKU {sku}</translation>
    </message>
    <message>
        <source>Lot {lot}</source>
        <translation>批次 {lot}</translation>
    </message>
    <message>
        <source>Picked {picked} of {qty}</source>
        <translation>已拣 {picked} / {qty}</translation>
    </message>
    <message>
        <source>Slot {slot}</source>
        <translation>格口 {slot}</translation>
    </message>
    <message>
        <source>Order {order}</source>
        <translation>订单 {order}</translation>
    </message>
    <message>
        <source>Task {n} of {m} · wave {wave}</source>
        <translation>任务 {n} / {m} · 波次 {wave}</translation>
    </message>
</context>
<context>
    <name>PrintJobsWidget</name>
    <message>
        <source>waiting</source>
        <translation>等待中</translation>
    </message>
    <message>
        <source>printed</source>
        <translation>已打印</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Choose the job to print again first.</source>
        <translation>请先选择要重新打印的打印任务。</translation>
    </message>
    <message>
        <source>Job #{job} queued again as #{new}.</source>
        <translation>打印任务 #{job} 已重新加入队列，新任务号 #{new}。</translation>
    </message>
    <message>
        <source>Label print jobs</source>
        <translation>标签打印任务</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Send waiting jobs now</source>
        <translation>立即发送等待中的任务</translation>
    </message>
    <message>
        <source>Print again</source>
        <translation>重新打印</translation>
    </message>
    <message>
        <source>Why, e.g. label torn</source>
        <translation>原因，例如标签撕破</translation>
    </message>
    <message>
        <source>Job</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>What</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Tries</source>
        <translation>尝试次数</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
</context>
<context>
    <name>PutawayScreen</name>
    <message>
        <source>Put away</source>
        <extracomment>the task table&apos;s columns</extracomment>
        <translation>上架（还库）</translation>
    </message>
    <message>
        <source>Units of cancelled orders go back to their shelf: scan the location, then one unit of the item · F5: read the list again · Esc: back to the location</source>
        <translation>已取消订单的商品放回原货架：先扫描库位，再扫描一件商品 · F5：刷新列表 · Esc：回到扫描库位</translation>
    </message>
    <message>
        <source>Scan here</source>
        <translation>在此扫描</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>库位</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Lot</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Qty</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>已等待</translation>
    </message>
    <message>
        <source>Now at</source>
        <translation>现在位置</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>{m} min</source>
        <translation>{m} 分钟</translation>
    </message>
    <message>
        <source>{h} h {m} min</source>
        <translation>{h} 小时 {m} 分钟</translation>
    </message>
    <message>
        <source>{d} days</source>
        <translation>{d} 天</translation>
    </message>
    <message>
        <source>No put-away task is open</source>
        <translation>没有待上架任务</translation>
    </message>
    <message>
        <source>At {location}: scan one {sku} to put back {qty}</source>
        <translation>在 {location}：扫描一件 {sku}，放回 {qty} 件</translation>
    </message>
    <message>
        <source>Next: {qty} × {sku} to {location} — scan the location</source>
        <translation>下一个：{qty} × {sku} 送到 {location} — 请扫描库位</translation>
    </message>
</context>
<context>
    <name>RejectionsModel</name>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>What</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Why it was rejected</source>
        <translation>被拒原因</translation>
    </message>
    <message>
        <source>wave started</source>
        <translation>开始拣货波次</translation>
    </message>
    <message>
        <source>pick list confirmed</source>
        <translation>确认拣货单</translation>
    </message>
    <message>
        <source>pick</source>
        <translation>拣货</translation>
    </message>
    <message>
        <source>put-away</source>
        <translation>上架</translation>
    </message>
    <message>
        <source>waybill bound</source>
        <translation>绑定运单号</translation>
    </message>
    <message>
        <source>order opened at packing</source>
        <translation>打包台打开订单</translation>
    </message>
    <message>
        <source>pack scan</source>
        <translation>验货扫描</translation>
    </message>
    <message>
        <source>pack scan undone</source>
        <translation>撤销验货扫描</translation>
    </message>
    <message>
        <source>insert confirmed</source>
        <translation>确认附件</translation>
    </message>
    <message>
        <source>damage check</source>
        <translation>外观检查</translation>
    </message>
    <message>
        <source>box or bag chosen</source>
        <translation>选择纸箱或快递袋</translation>
    </message>
    <message>
        <source>damaged item swapped</source>
        <translation>更换破损商品</translation>
    </message>
    <message>
        <source>weighing</source>
        <translation>称重</translation>
    </message>
    <message>
        <source>weight accepted by a supervisor</source>
        <translation>主管放行重量</translation>
    </message>
    <message>
        <source>packed without a scale</source>
        <translation>无秤打包</translation>
    </message>
    <message>
        <source>parcel closed</source>
        <translation>封箱</translation>
    </message>
    <message>
        <source>waybill scanned</source>
        <translation>扫描面单</translation>
    </message>
    <message>
        <source>order let go at packing</source>
        <translation>打包台释放订单</translation>
    </message>
</context>
<context>
    <name>ScanStationScreen</name>
    <message>
        <source>Esc or scan CLEAR to go on</source>
        <extracomment>A code in the scan field untouched this long (ms) is selected: the next key replaces it. how often a screen asks its station whether what is open changed under it (cancelled…) how long a screen being hidden waits for its watch read to end watch reads let go by a hidden screen, kept until their thread ends (key, shift held) → the station&apos;s key action verdicts (OK and refusals) in the large banner rather than the message line the end of a piece of work (the &quot;done&quot; sound: shipped) in the large green banner &quot;error&quot; / &quot;blocked&quot; while a refusal waits for Esc or CLEAR</extracomment>
        <translation>按 Esc 或扫描 CLEAR 继续</translation>
    </message>
</context>
<context>
    <name>SettingsScreen</name>
    <message>
        <source>Settings</source>
        <extracomment>a warehouse without a handover step: the pack station&apos;s waybill scan ships</extracomment>
        <translation>设置</translation>
    </message>
    <message>
        <source>This station</source>
        <translation>本工作站</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Pack station: check every order for damage, not only fragile ones</source>
        <translation>打包台：每个订单都检查外观无破损污渍，而不只是易碎订单</translation>
    </message>
    <message>
        <source>Ship at the pack station: no handover here (else an order ships when the courier&apos;s handover batch is closed)</source>
        <translation>在打包台发货：本仓不做快递交接（否则订单在快递交接批次关闭时才发货）</translation>
    </message>
    <message>
        <source>Order review</source>
        <translation>订单审核</translation>
    </message>
    <message>
        <source>Review times</source>
        <translation>审单时间</translation>
    </message>
    <message>
        <source>HH:MM, separated by commas</source>
        <translation>HH:MM，用逗号分隔</translation>
    </message>
    <message>
        <source>Save times</source>
        <translation>保存时间</translation>
    </message>
    <message>
        <source>Review new orders automatically at these times while Packdesk is open</source>
        <translation>Packdesk 运行期间在这些时间自动审核新订单</translation>
    </message>
    <message>
        <source>Where things are</source>
        <translation>文件位置</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <source>Log file</source>
        <translation>日志文件</translation>
    </message>
    <message>
        <source>Settings file</source>
        <translation>设置文件</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>Central database</source>
        <translation>中心数据库</translation>
    </message>
    <message>
        <source>This database works alone. To pack on it as a station of the warehouse&apos;s central PostgreSQL database (synced, and packing on through network outages), give the station a name and the central database&apos;s address; what the station needs is copied here. Administrators only; the database must hold no orders.</source>
        <translation>这个数据库目前单独工作。要把它作为仓库中心 PostgreSQL 数据库的工作站使用（同步，断网时照常打包），请填写工作站名称和中心数据库地址；工作站需要的数据会复制到这里。仅限管理员；数据库里不能已有订单。</translation>
    </message>
    <message>
        <source>Station name</source>
        <translation>工作站名称</translation>
    </message>
    <message>
        <source>e.g. PACK-01 (unique)</source>
        <translation>例如 PACK-01（不可重复）</translation>
    </message>
    <message>
        <source>Make this a station</source>
        <translation>设为工作站</translation>
    </message>
    <message>
        <source>Give the station a name and the central database&apos;s address.</source>
        <translation>请填写工作站名称和中心数据库地址。</translation>
    </message>
    <message>
        <source>Copying what the station needs…</source>
        <translation>正在复制工作站需要的数据…</translation>
    </message>
    <message>
        <source>This database is station {name} now: {rows} rows copied. Restart Packdesk to start syncing.</source>
        <translation>这个数据库现在是工作站 {name}：已复制 {rows} 行。重新启动 Packdesk 即开始同步。</translation>
    </message>
    <message>
        <source>Language saved.</source>
        <translation>语言已保存。</translation>
    </message>
    <message>
        <source>Not a time: {bad}. Write times as HH:MM between 00:00 and 23:59, e.g. 09:00, 14:00.</source>
        <translation>不是有效时间：{bad}。请按 HH:MM 格式填写 00:00 到 23:59 之间的时间，例如 09:00, 14:00。</translation>
    </message>
    <message>
        <source>Review times saved: {times}.</source>
        <translation>审单时间已保存：{times}。</translation>
    </message>
    <message>
        <source>Review times saved: none, so review only runs when asked.</source>
        <translation>审单时间已保存：未设置，只在手动触发时审单。</translation>
    </message>
    <message>
        <source>Automatic review is on.</source>
        <translation>自动审单已开启。</translation>
    </message>
    <message>
        <source>Automatic review is off.</source>
        <translation>自动审单已关闭。</translation>
    </message>
    <message>
        <source>The pack station asks for the damage check on every order.</source>
        <translation>打包台将对每个订单要求检查外观无破损污渍。</translation>
    </message>
    <message>
        <source>The pack station asks for the damage check on fragile orders only.</source>
        <translation>打包台只对易碎订单要求检查外观无破损污渍。</translation>
    </message>
    <message>
        <source>Orders now ship when the packer scans the waybill.</source>
        <translation>现在打包员扫描面单时订单即发货。</translation>
    </message>
    <message>
        <source>Orders now wait, packed, for the courier&apos;s handover.</source>
        <translation>现在订单打包后等待快递交接。</translation>
    </message>
</context>
<context>
    <name>ShortPanel</name>
    <message>
        <source>Short pick: why are units missing? Enter confirms, Esc cancels</source>
        <translation>缺货：为什么少货？回车确认，Esc 取消</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Optional, e.g. box crushed</source>
        <translation>可不填，例如：外箱压坏</translation>
    </message>
    <message>
        <source>Confirm short (Enter)</source>
        <translation>确认缺货 (回车)</translation>
    </message>
    <message>
        <source>Cancel (Esc)</source>
        <translation>取消 (Esc)</translation>
    </message>
</context>
<context>
    <name>SimulatedDevicesPanel</name>
    <message>
        <source>Simulated devices (F12)</source>
        <translation>模拟设备（F12）</translation>
    </message>
    <message>
        <source>The demo&apos;s stand-ins for a scanner, a label printer and a scale.</source>
        <translation>演示用的模拟扫描枪、标签打印机和电子秤。</translation>
    </message>
    <message>
        <source>Scanner</source>
        <translation>扫描枪</translation>
    </message>
    <message>
        <source>Codes go through the simulated serial scanner on {port}.</source>
        <translation>条码通过 {port} 上的模拟串口扫描枪发送。</translation>
    </message>
    <message>
        <source>Codes go to the screen as a scan.</source>
        <translation>条码直接作为一次扫描发送到界面。</translation>
    </message>
    <message>
        <source>Type a code, then Enter</source>
        <translation>输入条码后按 Enter</translation>
    </message>
    <message>
        <source>Scan</source>
        <translation>扫描</translation>
    </message>
    <message>
        <source>Plug the scanner in</source>
        <translation>插上扫描枪</translation>
    </message>
    <message>
        <source>Unplug the scanner</source>
        <translation>拔出扫描枪</translation>
    </message>
    <message>
        <source>Label printer</source>
        <translation>标签打印机</translation>
    </message>
    <message>
        <source>Paper out</source>
        <translation>缺纸</translation>
    </message>
    <message>
        <source>Head open</source>
        <translation>打印头未合上</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>Ribbon out</source>
        <translation>碳带用完</translation>
    </message>
    <message>
        <source>No answer</source>
        <translation>无响应</translation>
    </message>
    <message>
        <source>Drops the connection</source>
        <translation>断开连接</translation>
    </message>
    <message>
        <source>Load paper, close head (fix all)</source>
        <translation>装纸、合上打印头（全部恢复）</translation>
    </message>
    <message>
        <source>Scale</source>
        <translation>电子秤</translation>
    </message>
    <message>
        <source>Put on</source>
        <translation>放上包裹</translation>
    </message>
    <message>
        <source>Take off</source>
        <translation>拿下包裹</translation>
    </message>
    <message>
        <source>Unsteady (parcel still moving)</source>
        <translation>未稳定（包裹还在晃动）</translation>
    </message>
    <message>
        <source>Overload</source>
        <translation>超载</translation>
    </message>
    <message>
        <source>Switched off (no answer)</source>
        <translation>已关机（无响应）</translation>
    </message>
    <message>
        <source>Labels received: {n}</source>
        <translation>已收到标签：{n}</translation>
    </message>
    <message>
        <source>The label printer is not simulated.</source>
        <translation>标签打印机不是模拟设备。</translation>
    </message>
</context>
<context>
    <name>StationsModel</name>
    <message>
        <source>Station</source>
        <translation>工作站</translation>
    </message>
    <message>
        <source>Last contact</source>
        <translation>最后联系</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>待同步</translation>
    </message>
    <message>
        <source>{station} (this station)</source>
        <translation>{station}（本工作站）</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从未</translation>
    </message>
</context>
<context>
    <name>StockScreen</name>
    <message>
        <source>Stock</source>
        <translation>库存</translation>
    </message>
    <message>
        <source>Scan or type a SKU, lot or location · Enter on a lot: its ledger · Enter on a low SKU: its lots · Esc: back · F5: refresh</source>
        <translation>扫描或输入 SKU、批次或库位 · 在批次上按 Enter：查看其流水 · 在预警 SKU 上按 Enter：查看其批次 · Esc：返回 · F5：刷新</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>SKU, barcode, lot or location, then Enter</source>
        <translation>SKU、条码、批次或库位，然后按 Enter</translation>
    </message>
    <message>
        <source>Ledger ({key})</source>
        <translation>流水（{key}）</translation>
    </message>
    <message>
        <source>Low stock ({key})</source>
        <translation>库存预警（{key}）</translation>
    </message>
    <message>
        <source>Export… ({key})</source>
        <translation>导出…（{key}）</translation>
    </message>
    <message>
        <source>The ledger or the low-stock list as shown, to CSV or Excel</source>
        <translation>将当前显示的流水或库存预警清单导出为 CSV 或 Excel</translation>
    </message>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>To</source>
        <translation>到</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>YYYY-MM-DD</translation>
    </message>
    <message>
        <source>Reading the low-stock list…</source>
        <translation>正在读取库存预警清单…</translation>
    </message>
    <message>
        <source>Low stock ({n}): SKUs below their threshold, fewest days of cover first</source>
        <translation>库存预警（{n}）：低于补货阈值的 SKU，可售天数最少的在前</translation>
    </message>
    <message>
        <source>Ledger of {what}, newest first (balances after each move)</source>
        <translation>{what}的库存流水，最新的在前（结存为每笔变动之后）</translation>
    </message>
    <message>
        <source>Lots of {what}</source>
        <translation>{what}的批次</translation>
    </message>
    <message>
        <source>Every lot, by SKU, oldest received first</source>
        <translation>全部批次，按 SKU 排列，最早入库的在前</translation>
    </message>
    <message>
        <source>lot {lot} of {sku} at {location}</source>
        <translation>库位 {location} 上 {sku} 的批次 {lot} </translation>
    </message>
    <message>
        <source>SKU {sku}</source>
        <translation>SKU {sku} </translation>
    </message>
    <message>
        <source>location {location}</source>
        <translation>库位 {location} </translation>
    </message>
    <message>
        <source>lot {lot}</source>
        <translation>批次 {lot} </translation>
    </message>
    <message>
        <source>Moves shown: {n}</source>
        <translation>已显示流水：{n}</translation>
    </message>
    <message>
        <source>Lots shown: {n}</source>
        <translation>已显示批次：{n}</translation>
    </message>
    <message>
        <source>No lot here.</source>
        <translation>这里没有批次。</translation>
    </message>
    <message>
        <source>scroll down for more</source>
        <translation>向下滚动查看更多</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx);;CSV (*.csv)</source>
        <translation>Excel 工作簿 (*.xlsx);;CSV (*.csv)</translation>
    </message>
    <message>
        <source>Writing {file}…</source>
        <translation>正在写入 {file}…</translation>
    </message>
</context>
<context>
    <name>SyncScreen</name>
    <message>
        <source>Sync — station {station}</source>
        <extracomment>why the central list could not be read (the central database unreachable, …) the rejected events just resolved (a supervisor&apos;s Enter / F9) a rejected event the supervisor chose to resolve while a reading ran</extracomment>
        <translation>同步 — 工作站 {station}</translation>
    </message>
    <message>
        <source>Events of this station the central database refused, oldest first: what the central database says stands. ↑↓: choose · Enter or {resolve}: mark it resolved (supervisor) · {sync}: sync now</source>
        <translation>中心数据库拒绝的本工作站事件，最早的在前：以中心数据库为准。↑↓：选择 · Enter 或 {resolve}：标记为已处理（主管）· {sync}：立即同步</translation>
    </message>
    <message>
        <source>Rejected events: {n}</source>
        <translation>被拒事件：{n}</translation>
    </message>
    <message>
        <source>Stations, as the central database lists them</source>
        <translation>工作站（以中心数据库为准）</translation>
    </message>
    <message>
        <source>✖ Central database unreachable: the stations show when it answers again.</source>
        <translation>✖ 无法连接中心数据库：连接恢复后显示工作站列表。</translation>
    </message>
    <message>
        <source>{what} by {user}: {reason}</source>
        <translation>{user} 的{what}：{reason}</translation>
    </message>
    <message>
        <source>Synced: {pushed} event(s) sent, {pulled} change(s) received.</source>
        <translation>已同步：上传 {pushed} 条事件，收到 {pulled} 条变更。</translation>
    </message>
    <message>
        <source>{n} rejected: see the list.</source>
        <translation>{n} 条被拒：见列表。</translation>
    </message>
    <message>
        <source>Syncing now…</source>
        <translation>正在同步…</translation>
    </message>
    <message>
        <source>No rejected event is chosen.</source>
        <translation>未选择被拒事件。</translation>
    </message>
    <message>
        <source>Only a supervisor can resolve a rejected event — {user} is logged in as {role}. Ask a supervisor.</source>
        <translation>只有主管可以处理被拒事件 — {user} 的登录角色是{role}。请找主管处理。</translation>
    </message>
    <message>
        <source>Resolved: the event is off the list (the audit trail keeps it).</source>
        <translation>已处理：该事件已移出列表（审计记录中保留）。</translation>
    </message>
</context>
<context>
    <name>SyncStatusLabel</name>
    <message>
        <source>◌ Connecting to the central database…</source>
        <translation>◌ 正在连接中心数据库…</translation>
    </message>
    <message>
        <source>○ Offline</source>
        <translation>○ 离线</translation>
    </message>
    <message>
        <source>✖ Not syncing</source>
        <translation>✖ 未同步</translation>
    </message>
    <message>
        <source>● Online</source>
        <translation>● 在线</translation>
    </message>
    <message>
        <source>{n} waiting</source>
        <translation>{n} 条待同步</translation>
    </message>
    <message>
        <source>synced {time}</source>
        <translation>{time} 已同步</translation>
    </message>
    <message>
        <source>{n} rejected</source>
        <translation>{n} 条被拒</translation>
    </message>
    <message>
        <source>Station {station}</source>
        <translation>工作站 {station}</translation>
    </message>
    <message>
        <source>central database {url}</source>
        <translation>中心数据库 {url}</translation>
    </message>
    <message>
        <source>Last synced {time}</source>
        <translation>上次同步 {time}</translation>
    </message>
</context>
<context>
    <name>Wave</name>
    <message>
        <source>open</source>
        <extracomment>Role for the whole WaveSummary / TaskView of a row.</extracomment>
        <translation>待拣</translation>
    </message>
    <message>
        <source>picking</source>
        <translation>拣货中</translation>
    </message>
    <message>
        <source>done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>single-item</source>
        <translation>单件单</translation>
    </message>
    <message>
        <source>multi-item</source>
        <translation>多件单</translation>
    </message>
    <message>
        <source>mixed</source>
        <translation>混合</translation>
    </message>
    <message>
        <source>picked</source>
        <translation>已拣</translation>
    </message>
    <message>
        <source>short</source>
        <translation>缺货</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
</context>
<context>
    <name>WaveTasksModel</name>
    <message>
        <source>#</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>库位</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>品名</translation>
    </message>
    <message>
        <source>Lot</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Qty</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Picked</source>
        <translation>已拣</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Order no.</source>
        <translation>订单号</translation>
    </message>
    <message>
        <source>Slot</source>
        <translation>格口</translation>
    </message>
</context>
<context>
    <name>WavesScreen</name>
    <message>
        <source>Waves</source>
        <translation>波次</translation>
    </message>
    <message>
        <source>F5: refresh · Ctrl+N: create a wave · Ctrl+P: print the pick list</source>
        <translation>F5：刷新 · Ctrl+N：生成波次 · Ctrl+P：打印拣货单</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Create wave…</source>
        <translation>生成波次…</translation>
    </message>
    <message>
        <source>Print pick list…</source>
        <translation>打印拣货单…</translation>
    </message>
    <message>
        <source>Confirm as picked</source>
        <translation>确认已拣货</translation>
    </message>
    <message>
        <source>Select a wave to see its pick tasks</source>
        <translation>选择一个波次以查看拣货任务</translation>
    </message>
    <message>
        <source>Pick tasks of wave {wave} ({n})</source>
        <translation>波次 {wave} 的拣货任务 ({n})</translation>
    </message>
    <message>
        <source>Allocating stock for the new wave…</source>
        <translation>正在为新波次分配库存…</translation>
    </message>
    <message>
        <source>Wave {wave} created: {orders} orders, {tasks} pick tasks.</source>
        <translation>已生成波次 {wave}：{orders} 个订单，{tasks} 个拣货任务。</translation>
    </message>
    <message>
        <source>No wave created: no reviewed order could be allocated.</source>
        <translation>未生成波次：没有可分配库存的已审核订单。</translation>
    </message>
    <message>
        <source>Not allocated ({n}): {orders}</source>
        <translation>未分配 ({n})：{orders}</translation>
    </message>
    <message>
        <source>Select a wave first.</source>
        <translation>请先选择一个波次。</translation>
    </message>
    <message>
        <source>Save the pick list</source>
        <translation>保存拣货单</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Pick list of {wave} saved: {path}</source>
        <translation>波次 {wave} 的拣货单已保存：{path}</translation>
    </message>
    <message>
        <source>Confirm that every open task of wave {wave} was picked exactly as printed? Stock is taken off and its orders become picked.</source>
        <translation>确认波次 {wave} 的所有未完成任务都已按拣货单拣货？库存将被扣减，订单变为已拣货。</translation>
    </message>
    <message>
        <source>Wave {wave} confirmed: {tasks} tasks, {units} units, {orders} orders picked.</source>
        <translation>波次 {wave} 已确认：{tasks} 个任务，{units} 件，{orders} 个订单已拣货。</translation>
    </message>
</context>
<context>
    <name>WavesTableModel</name>
    <message>
        <source>Wave</source>
        <translation>波次</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>订单数</translation>
    </message>
    <message>
        <source>Tasks</source>
        <translation>任务数</translation>
    </message>
    <message>
        <source>Open tasks</source>
        <translation>未完成任务</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>By</source>
        <translation>创建人</translation>
    </message>
</context>
</TS>
