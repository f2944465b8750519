// What the processor the program runs on can do. The modules with vector loops (the fold,
// the JSON string reader, the dateline and date scans, the money scanner, ORG's decoder,
// the output's code point index and writer, the command's line splitter) each pick their
// loop from these once at start-up, composing the set their own code needs:
//   const bool kHasAvx2 = cpu::avx2() && cpu::bmi1();
// Functions, not variables: a module's own constant is made while the program starts, in
// an order between files that C++ leaves open, and a function answers whatever that order.
#pragma once

namespace hanfacts::text::cpu {

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
inline bool avx2() { return __builtin_cpu_supports("avx2"); }
inline bool bmi1() { return __builtin_cpu_supports("bmi"); }
inline bool bmi2() { return __builtin_cpu_supports("bmi2"); }
inline bool popcnt() { return __builtin_cpu_supports("popcnt"); }
inline bool ssse3() { return __builtin_cpu_supports("ssse3"); }
// AVX-512 Foundation, Byte and Word, Vector Length: 32 vector registers, the masks per byte.
inline bool avx512() {
  return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512vl");
}
// AVX-512 with the byte permutes and compresses (VBMI, VBMI2).
inline bool avx512_vbmi() { return __builtin_cpu_supports("avx512vbmi"); }
inline bool avx512_vbmi2() { return __builtin_cpu_supports("avx512vbmi2"); }
// BMI2's pext and pdep in a few cycles. AMD's processors before Zen 3 (families 15h and
// 17h) have them but run them in microcode, from some twenty to a few hundred cycles by
// the mask, so a loop that calls one a window would be slower there than the bit loop it
// replaces; the AVX-512 loops need not ask (no such processor has AVX-512).
inline bool fast_pext() {
  return bmi2() && !__builtin_cpu_is("amdfam15h") && !__builtin_cpu_is("amdfam17h");
}
#else
inline bool avx2() { return false; }
inline bool bmi1() { return false; }
inline bool bmi2() { return false; }
inline bool popcnt() { return false; }
inline bool ssse3() { return false; }
inline bool avx512() { return false; }
inline bool avx512_vbmi() { return false; }
inline bool avx512_vbmi2() { return false; }
inline bool fast_pext() { return false; }
#endif

}  // namespace hanfacts::text::cpu
