/**
 * The <a href="https://github.com/huggingface/safetensors">safetensors</a> format on plain
 * arrays: {@link io.github.chainrule.safetensors.SafeTensors} writes named {@code double[]}
 * arrays with string metadata and reads F64 and F32 files back, treating every file as hostile
 * (lengths checked against the real size, a strict JSON header parsed in memory proportional to
 * the header, tensors streamed from the data buffer). It knows nothing of the autodiff engine;
 * {@code io.github.chainrule.nn.io.Checkpoints} bridges it to modules.
 */
package io.github.chainrule.safetensors;
