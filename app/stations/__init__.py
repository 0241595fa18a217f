"""Scan stations without Qt: typed scans and named keys in, an Outcome out (see base)."""
