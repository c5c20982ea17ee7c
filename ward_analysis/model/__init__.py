"""The model: targets and their kinds, trends, the assessment (codes and numbers, no words),
the backtest and invented series. Never imports ``present`` or ``build``."""
