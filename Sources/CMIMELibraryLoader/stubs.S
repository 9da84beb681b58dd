/* One stub for each libcrypto and GPGME function mimekit calls (OpenSSLFunctions.h,
   GPGMEFunctions.h), under the function's own name, so that mimekit links without either
   library and loads each on the first call of one of its functions.

   A stub jumps through its slot. The slots start empty; the first call of a stub goes to
   mimekit_lazy_first_call, which keeps the caller's argument registers, has
   mimekit_lazy_resolve (loader.c) load the library and fill its slots, and then jumps to the
   function the caller meant, with its arguments as they were. Every later call costs one load
   and one indirect jump, as a call through the PLT does. */

#if !defined(__linux__) || !(defined(__x86_64__) || defined(__aarch64__))
#error "libcrypto and GPGME are loaded on first use through stubs written for Linux on x86-64 and AArch64 only"
#endif

/* The slots, one a function, in the order of the lists. */
#define MIMEKIT_LAZY_FUNCTION(name) mimekit_slot_##name: .zero 8;
        .section .bss
        .p2align 3
        .globl mimekit_openssl_slots
        .hidden mimekit_openssl_slots
mimekit_openssl_slots:
#include "OpenSSLFunctions.h"
        .globl mimekit_gpgme_slots
        .hidden mimekit_gpgme_slots
mimekit_gpgme_slots:
#include "GPGMEFunctions.h"
#undef MIMEKIT_LAZY_FUNCTION

#if defined(__x86_64__)

        .text
#define MIMEKIT_LAZY_FUNCTION(name) \
        .globl name; .type name, @function; .p2align 4; \
name:   movq mimekit_slot_##name(%rip), %r11; \
        testq %r11, %r11; \
        jz 1f; \
        jmp *%r11; \
1:      leaq mimekit_slot_##name(%rip), %r11; \
        jmp mimekit_lazy_first_call; \
        .size name, . - name;
#include "OpenSSLFunctions.h"
#include "GPGMEFunctions.h"
#undef MIMEKIT_LAZY_FUNCTION

/* %r11: the slot of the function called. Keeps the registers that carry arguments (%rax holds
   the vector register count of a variadic call), with the stack aligned to 16 bytes for the
   call. */
        .p2align 4
        .type mimekit_lazy_first_call, @function
mimekit_lazy_first_call:
        pushq %rbp
        movq %rsp, %rbp
        pushq %rdi
        pushq %rsi
        pushq %rdx
        pushq %rcx
        pushq %r8
        pushq %r9
        pushq %rax
        pushq %r11
        subq $128, %rsp
        movdqu %xmm0, 0(%rsp)
        movdqu %xmm1, 16(%rsp)
        movdqu %xmm2, 32(%rsp)
        movdqu %xmm3, 48(%rsp)
        movdqu %xmm4, 64(%rsp)
        movdqu %xmm5, 80(%rsp)
        movdqu %xmm6, 96(%rsp)
        movdqu %xmm7, 112(%rsp)
        movq %r11, %rdi
        call mimekit_lazy_resolve
        movq %rax, %r11
        movdqu 0(%rsp), %xmm0
        movdqu 16(%rsp), %xmm1
        movdqu 32(%rsp), %xmm2
        movdqu 48(%rsp), %xmm3
        movdqu 64(%rsp), %xmm4
        movdqu 80(%rsp), %xmm5
        movdqu 96(%rsp), %xmm6
        movdqu 112(%rsp), %xmm7
        addq $136, %rsp
        popq %rax
        popq %r9
        popq %r8
        popq %rcx
        popq %rdx
        popq %rsi
        popq %rdi
        popq %rbp
        jmp *%r11
        .size mimekit_lazy_first_call, . - mimekit_lazy_first_call

#else /* AArch64 */

        .text
#define MIMEKIT_LAZY_FUNCTION(name) \
        .globl name; .type name, %function; .p2align 4; \
name:   adrp x16, mimekit_slot_##name; \
        ldr x16, [x16, :lo12:mimekit_slot_##name]; \
        cbz x16, 1f; \
        br x16; \
1:      adrp x17, mimekit_slot_##name; \
        add x17, x17, :lo12:mimekit_slot_##name; \
        b mimekit_lazy_first_call; \
        .size name, . - name;
#include "OpenSSLFunctions.h"
#include "GPGMEFunctions.h"
#undef MIMEKIT_LAZY_FUNCTION

/* x17: the slot of the function called. Keeps x0-x7 and q0-q7 (the arguments) and x8 (the
   address of a returned structure). */
        .p2align 4
        .type mimekit_lazy_first_call, %function
mimekit_lazy_first_call:
        stp x29, x30, [sp, #-224]!
        mov x29, sp
        stp x0, x1, [sp, #16]
        stp x2, x3, [sp, #32]
        stp x4, x5, [sp, #48]
        stp x6, x7, [sp, #64]
        str x8, [sp, #80]
        stp q0, q1, [sp, #96]
        stp q2, q3, [sp, #128]
        stp q4, q5, [sp, #160]
        stp q6, q7, [sp, #192]
        mov x0, x17
        bl mimekit_lazy_resolve
        mov x16, x0
        ldp q6, q7, [sp, #192]
        ldp q4, q5, [sp, #160]
        ldp q2, q3, [sp, #128]
        ldp q0, q1, [sp, #96]
        ldr x8, [sp, #80]
        ldp x6, x7, [sp, #64]
        ldp x4, x5, [sp, #48]
        ldp x2, x3, [sp, #32]
        ldp x0, x1, [sp, #16]
        ldp x29, x30, [sp], #224
        br x16
        .size mimekit_lazy_first_call, . - mimekit_lazy_first_call

#endif

        .section .note.GNU-stack, "", %progbits
