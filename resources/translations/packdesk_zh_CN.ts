<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
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
    <message>
        <source>wrong name or PIN</source>
        <translation>姓名或 PIN 码错误</translation>
    </message>
    <message>
        <source>badge not recognised; scan again or log in with name and PIN</source>
        <translation>无法识别工牌；请重新扫描，或用姓名和 PIN 码登录</translation>
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
        <source>wrong location: you scanned {scanned}; go to {location}</source>
        <translation>库位错误：扫描的是 {scanned}；请到 {location}</translation>
    </message>
    <message>
        <source>wrong item: you scanned {sku} ({name}); this task is {want}</source>
        <translation>商品错误：扫描的是 {sku}（{name}）；本任务是 {want}</translation>
    </message>
    <message>
        <source>unknown barcode {code}: not on any SKU</source>
        <translation>未知条码 {code}：不属于任何 SKU</translation>
    </message>
    <message>
        <source>wrong lot: you scanned lot {lot}; this task is lot {want}</source>
        <translation>批次错误：扫描的是批次 {lot}；本任务是批次 {want}</translation>
    </message>
    <message>
        <source>over quantity: this task needs {remaining} more, not {qty}</source>
        <translation>数量超出：本任务还需 {remaining} 件，不是 {qty} 件</translation>
    </message>
    <message>
        <source>wave {code} is already picked</source>
        <translation>波次 {code} 已拣货完成</translation>
    </message>
    <message>
        <source>wave {code} is already done</source>
        <translation>波次 {code} 已完成</translation>
    </message>
    <message>
        <source>no wave {ref}; see `packdesk wave list`</source>
        <translation>没有波次 {ref}；请查看 `packdesk wave list`</translation>
    </message>
    <message>
        <source>this task is already {status}; go to the next one</source>
        <translation>该任务已是 {status} 状态；请做下一个任务</translation>
    </message>
    <message>
        <source>the quantity must be at least 1</source>
        <translation>数量至少为 1</translation>
    </message>
    <message>
        <source>say why the units are missing (e.g. empty location, damaged)</source>
        <translation>请说明缺货原因（例如库位为空、破损）</translation>
    </message>
    <message>
        <source>{user} ({role}) is not allowed to {action}; ask a supervisor or an admin</source>
        <translation>{user}（{role}）无权{action}；请找主管或管理员</translation>
    </message>
    <message>
        <source>order {order}: cannot go from &apos;{current}&apos; to &apos;{target}&apos;</source>
        <translation>订单 {order}：不能从“{current}”变为“{target}”</translation>
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
    <name>MainWindow</name>
    <message>
        <source>Orders</source>
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
        <source>Stock counts</source>
        <translation>盘点</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>打单</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
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
        <source>Logged in: {name} — {role}</source>
        <translation>当前用户：{name} — {role}</translation>
    </message>
    <message>
        <source>Ctrl+1 … Ctrl+8: screens · {key}: log out</source>
        <translation>Ctrl+1 … Ctrl+8：切换页面 · {key}：退出登录</translation>
    </message>
    <message>
        <source>Wait until the review or import has finished, then log out.</source>
        <translation>请等待审单或导入完成后再退出登录。</translation>
    </message>
    <message>
        <source>Wait until the review or import has finished, then close.</source>
        <translation>请等待审单或导入完成后再关闭。</translation>
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
    <name>Permission</name>
    <message>
        <source>import SKUs</source>
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
        <source>approve stock adjustments</source>
        <translation>审批库存调整</translation>
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
</context>
<context>
    <name>PickScreen</name>
    <message>
        <source>Location empty</source>
        <extracomment>A typed quantity in the quantity step: 1 to 4 digits (a barcode is longer). Short-pick reasons: stored in English (ledger, audit), shown translated.</extracomment>
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
    <message>
        <source>Wave {wave}: {n} tasks.</source>
        <translation>波次 {wave}：共 {n} 个拣货任务。</translation>
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
        <source>Go to {location}.</source>
        <translation>请到 {location}。</translation>
    </message>
    <message>
        <source>Scan the wave barcode first; then F8 declares a short pick.</source>
        <translation>请先扫描波次条码；之后按 F8 登记缺货。</translation>
    </message>
    <message>
        <source>{missing} missing; order {order} sent to exception: no stock left.</source>
        <translation>缺货 {missing} 件；已无库存，订单 {order} 转异常。</translation>
    </message>
    <message>
        <source>{missing} missing; new task at {location}.</source>
        <translation>缺货 {missing} 件；新拣货任务在 {location}。</translation>
    </message>
    <message>
        <source>{missing} missing.</source>
        <translation>缺货 {missing} 件。</translation>
    </message>
</context>
<context>
    <name>PlaceholderScreen</name>
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
        <source>Stock counts</source>
        <translation>盘点</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>打单</translation>
    </message>
    <message>
        <source>Pack check at the packing station: scan every item against its order, weigh the parcel and bind the tracking number. Comes in release {release}.</source>
        <translation>打包台验货：逐件扫描核对订单、包裹称重并绑定运单号。将在 {release} 版本中提供。</translation>
    </message>
    <message>
        <source>Pick lists on screen: FIFO pick tasks by location, confirmed by scanning. Comes in release {release}.</source>
        <translation>屏幕拣货单：按库位排列的先进先出拣货任务，扫描确认。将在 {release} 版本中提供。</translation>
    </message>
    <message>
        <source>Pick waves: batch reviewed orders, allocate their stock (FIFO) and print the pick lists. Comes in release {release}.</source>
        <translation>拣货波次：将已审订单组成波次，按先进先出分配库存并打印拣货单。将在 {release} 版本中提供。</translation>
    </message>
    <message>
        <source>Stock counts and cycle counts, blind counts and recounts, variances and adjustments. Comes in release {release}.</source>
        <translation>盘点与循环盘点、盲盘与复盘、差异与库存调整。将在 {release} 版本中提供。</translation>
    </message>
    <message>
        <source>Waybills, packing slips and SKU, location and lot labels, printed in batches or reprinted. Comes in release {release}.</source>
        <translation>面单、包裹清单以及 SKU、库位、批次标签，支持批量打印与补打。将在 {release} 版本中提供。</translation>
    </message>
</context>
<context>
    <name>Reason</name>
    <message>
        <source>buyer name</source>
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
        <source>phone number looks wrong: {phone}</source>
        <translation>电话号码有误：{phone}</translation>
    </message>
    <message>
        <source>not enough stock: SKU {sku} needs {needed}, {free} free</source>
        <translation>库存不足：SKU {sku} 需要 {needed}，可用 {free}</translation>
    </message>
    <message>
        <source>unknown SKU {sku}</source>
        <translation>未知 SKU {sku}</translation>
    </message>
    <message>
        <source>short pick: SKU {sku} short by {n}, no stock left; {picked} picked unit(s) on the cart go back to stock</source>
        <translation>拣货缺货：SKU {sku} 缺 {n} 件，已无库存；拣货车上已拣的 {picked} 件需退回库存</translation>
    </message>
    <message>
        <source>short pick: SKU {sku} short by {n}, no stock left</source>
        <translation>拣货缺货：SKU {sku} 缺 {n} 件，已无库存</translation>
    </message>
    <message>
        <source>not enough stock</source>
        <translation>库存不足</translation>
    </message>
    <message>
        <source>address incomplete</source>
        <translation>地址不完整</translation>
    </message>
    <message>
        <source>phone number looks wrong</source>
        <translation>电话号码有误</translation>
    </message>
</context>
<context>
    <name>Role</name>
    <message>
        <source>Packer</source>
        <translation>打包员</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>主管</translation>
    </message>
    <message>
        <source>Label staff</source>
        <translation>打单员</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>管理员</translation>
    </message>
</context>
<context>
    <name>SettingsScreen</name>
    <message>
        <source>Settings</source>
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
    <name>Status</name>
    <message>
        <source>New</source>
        <translation>新订单</translation>
    </message>
    <message>
        <source>Reviewed</source>
        <translation>已审核</translation>
    </message>
    <message>
        <source>Exception</source>
        <translation>异常</translation>
    </message>
    <message>
        <source>Allocated</source>
        <translation>已分配</translation>
    </message>
    <message>
        <source>Picking</source>
        <translation>拣货中</translation>
    </message>
    <message>
        <source>Picked</source>
        <translation>已拣货</translation>
    </message>
    <message>
        <source>Packing</source>
        <translation>打包中</translation>
    </message>
    <message>
        <source>Packed</source>
        <translation>已打包</translation>
    </message>
    <message>
        <source>Shipped</source>
        <translation>已发货</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>已签收</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>On hold</source>
        <translation>已挂起</translation>
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
