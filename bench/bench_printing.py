"""How fast documents render (prints figures, asserts nothing).

    .venv/bin/python bench/bench_printing.py [--labels 1000] [--waybills 300]

Targets (issue "Printing"): a waybill PDF ≤ 5 ms, a waybill as ZPL ≤ 2 ms (a 203-dpi thermal
printer needs 0.5–1.5 s to print one, so rendering stays under 1 % of printing time), a batch
of 1,000 SKU labels as one PDF ≤ 3 s. Each figure is the median of the runs after one warm-up.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from printing.packing_slip import PackingSlipDocument, SlipLine, render_packing_slip_pdf
from printing.stock_labels import StockLabel, encode_stock_labels, render_stock_labels_pdf
from printing.tspl import encode_tspl
from printing.waybill import Party, WaybillDocument, render_waybill_pdf, waybill_label
from printing.zpl import encode_zpl

# Every label has another receiver: names and addresses are never drawn from a cache.
NAMES = [
    "张伟",
    "王芳",
    "李娜",
    "刘洋",
    "陈静",
    "杨磊",
    "赵敏",
    "黄勇",
    "周杰",
    "吴霞",
    "徐涛",
    "孙丽",
    "马超",
    "朱婷",
    "胡斌",
    "郭靖",
    "何欢",
    "高远",
    "林峰",
    "罗琳",
]


def waybill(n: int) -> WaybillDocument:
    return WaybillDocument(
        carrier_code="SF",
        carrier_name="顺丰速运 SF Express",
        service="标准快递",
        tracking_no=f"SF{1234567890000 + n}",
        sender=Party(
            "天猫旗舰店", "0755-86013388", "广东省", "深圳市", "南山区", "科技园一路 1 号仓"
        ),
        receiver=Party(
            NAMES[n % len(NAMES)] + NAMES[(n // len(NAMES)) % len(NAMES)][-1],
            f"138{n:08d}",
            "浙江省",
            "杭州市",
            "西湖区",
            f"文三路 {n} 号 3 幢 2 单元 501 室",
        ),
        order_no=f"TB{100000 + n}",
        parcel_no=1,
        parcel_count=1,
        weight_g=1250,
        item_count=3,
        fragile=n % 2 == 0,
    )


def timed(fn: object, runs: int) -> list[float]:
    assert callable(fn)
    fn(0)  # warm-up: fonts, barcode tables
    out = []
    for i in range(runs):
        start = time.perf_counter()
        fn(i + 1)
        out.append(time.perf_counter() - start)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--labels", type=int, default=1000)
    parser.add_argument("--waybills", type=int, default=300)
    args = parser.parse_args()

    pdf = timed(lambda n: render_waybill_pdf(waybill(n)), args.waybills)
    zpl = timed(lambda n: encode_zpl(waybill_label(waybill(n))), args.waybills)
    tspl = timed(lambda n: encode_tspl(waybill_label(waybill(n))), args.waybills)
    print(
        f"waybill PDF 100x150:  median {statistics.median(pdf) * 1000:6.2f} ms  "
        f"p95 {sorted(pdf)[int(len(pdf) * 0.95)] * 1000:6.2f} ms   (target ≤ 5 ms)"
    )
    print(
        f"waybill ZPL:          median {statistics.median(zpl) * 1000:6.2f} ms  "
        f"p95 {sorted(zpl)[int(len(zpl) * 0.95)] * 1000:6.2f} ms   (target ≤ 2 ms)"
    )
    print(f"waybill TSPL:         median {statistics.median(tspl) * 1000:6.2f} ms")

    labels = [
        StockLabel("sku", f"SKU-{n:05d}", f"保温杯 500ml 款式 {n}", gtin="6901234567892")
        for n in range(args.labels)
    ]
    render_stock_labels_pdf(labels[:5])
    start = time.perf_counter()
    data = render_stock_labels_pdf(labels)
    batch = time.perf_counter() - start
    print(
        f"{args.labels:,} SKU labels, one PDF: {batch:6.2f} s  ({len(data) / 1e6:.1f} MB)"
        "   (target ≤ 3 s)"
    )
    start = time.perf_counter()
    encode_stock_labels(labels, 1, "60x40", "zpl")
    print(f"{args.labels:,} SKU labels as ZPL:  {time.perf_counter() - start:6.2f} s")

    slip = PackingSlipDocument(
        order_no="TB100001",
        shop="天猫旗舰店",
        buyer_name="张伟",
        ordered_at=None,
        lines=tuple(SlipLine(f"SKU-{i}", f"商品 {i}", 1 + i % 3) for i in range(12)),
    )
    a4 = timed(lambda n: render_packing_slip_pdf(slip), 50)
    print(f"packing slip A4:      median {statistics.median(a4) * 1000:6.2f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
