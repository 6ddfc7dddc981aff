/** The seed's code (TensorFlow 2, Python), copied from ../shared/seed/README.md, comments left out. */
const SEED_SOURCE = `# [-2., -1., 0., 1., 2.]
centers = tf.cast(tf.range(-2, 3), tf.float32)
# Partition W into the Voronoi tessellation over the centers
w_stack = tf.stack([w for _ in range(L)], axis=-1)
w_hard = tf.cast(tf.argmin(input=tf.abs(w_stack - centers), axis=-1), tf.float32) \\
         + tf.reduce_min(input_tensor=centers)

# softmax: the largest weight marks the nearest quantization value
smx = tf.nn.softmax(-1.0 / temperature * tf.abs(w_stack - centers), axis=-1)
# contract the last dimension
w_soft = tf.einsum('ijklm,m->ijkl', smx, centers)  # = tf.tensordot(smx, centers, axes=((-1), (0)))

# Treat quantization as differentiable for optimization
w_bar = tf.round(tf.stop_gradient(w_hard - w_soft) + w_soft)`;

/** The seed's worked example, copied from its printout (../shared/seed/README.md): L = 5, T = 1, L1. */
export const SEED = {
  centers: [-2, -1, 0, 1, 2],
  temperature: 1,
  inputs: [-1, -0.5, 0, 0.5, 1, 1.5],
  /** the printed w_stack - centers */
  differences: [
    [1, 0, -1, -2, -3],
    [1.5, 0.5, -0.5, -1.5, -2.5],
    [2, 1, 0, -1, -2],
    [2.5, 1.5, 0.5, -0.5, -1.5],
    [3, 2, 1, 0, -1],
    [3.5, 2.5, 1.5, 0.5, -0.5],
  ],
  hard: [-1, -1, 0, 0, 1, 1],
  smx: [
    [0.191516, 0.52059436, 0.191516, 0.07045478, 0.02591887],
    [0.12813215, 0.34829926, 0.34829926, 0.12813215, 0.04713718],
    [0.06745081, 0.18335032, 0.4983978, 0.18335032, 0.06745081],
    [0.04713718, 0.12813215, 0.34829926, 0.34829926, 0.12813215],
    [0.02591887, 0.07045478, 0.19151598, 0.52059436, 0.19151598],
    [0.01950138, 0.05301026, 0.14409684, 0.39169577, 0.39169577],
  ],
  soft: [-0.7813338, -0.3821571, 0, 0.38215706, 0.7813338, 1.0830743],
  bar: [-1, -1, 0, 0, 1, 1],
  source: SEED_SOURCE,
};
