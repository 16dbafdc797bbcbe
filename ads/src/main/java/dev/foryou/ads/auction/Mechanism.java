package dev.foryou.ads.auction;

/** The pricing rule of a multi-slot auction; allocation is the same (by eCPM) for both. */
public enum Mechanism {
  /** Generalised second price: each winner pays what it takes to beat the next ad. */
  GSP,
  /** Vickrey–Clarke–Groves: each winner pays the externality it imposes on the others. */
  VCG
}
