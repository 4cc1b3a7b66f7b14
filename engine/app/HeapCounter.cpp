#include "app/HeapCounter.h"

#include <atomic>
#include <cstdlib>
#include <malloc.h>
#include <new>

namespace soma::heap {
namespace {
std::atomic<std::size_t> gCurrent{0};
std::atomic<std::size_t> gPeak{0};

void* counted(std::size_t n) {
    void* p = std::malloc(n ? n : 1);
    if (!p) throw std::bad_alloc();
    const std::size_t now = gCurrent.fetch_add(malloc_usable_size(p), std::memory_order_relaxed) + malloc_usable_size(p);
    std::size_t peak = gPeak.load(std::memory_order_relaxed);
    while (now > peak && !gPeak.compare_exchange_weak(peak, now, std::memory_order_relaxed)) {}
    return p;
}

void release(void* p) noexcept {
    if (!p) return;
    gCurrent.fetch_sub(malloc_usable_size(p), std::memory_order_relaxed);
    std::free(p);
}
} // namespace

std::size_t currentBytes() { return gCurrent.load(); }
std::size_t peakBytes() { return gPeak.load(); }
void resetPeak() { gPeak.store(gCurrent.load()); }

} // namespace soma::heap

void* operator new(std::size_t n) { return soma::heap::counted(n); }
void* operator new[](std::size_t n) { return soma::heap::counted(n); }
void operator delete(void* p) noexcept { soma::heap::release(p); }
void operator delete[](void* p) noexcept { soma::heap::release(p); }
void operator delete(void* p, std::size_t) noexcept { soma::heap::release(p); }
void operator delete[](void* p, std::size_t) noexcept { soma::heap::release(p); }
