// app/HeapCounter: counts what the engine's own C++ code allocates, by
// replacing the global operator new/delete of the soma program. The GL
// driver and its shader compiler allocate through malloc directly and are
// not counted, which is the point: bench reports both heap_mb (ours) and
// rss_mb (everything).
#pragma once

#include <cstddef>

namespace soma::heap {

std::size_t currentBytes();
std::size_t peakBytes();
void resetPeak();

} // namespace soma::heap
